package io.swarmplace.torrent.internal.engine;

import io.swarmplace.torrent.internal.mse.AllowedEncryption;
import io.swarmplace.torrent.internal.mse.EncryptionPolicy;
import java.lang.annotation.Annotation;

/**
 * The engine's configuration for tests: loopback only, a free port, small limits; encryption as in
 * production unless a test sets it.
 */
final class TestEngineConfig implements EngineConfig {

    private final int listenPort;
    private final EncryptionPolicy encryptionPolicy;
    private final AllowedEncryption allowedEncryption;

    TestEngineConfig(int listenPort) {
        this(listenPort, EncryptionPolicy.ENABLED, AllowedEncryption.BOTH);
    }

    private TestEngineConfig(int listenPort, EncryptionPolicy encryptionPolicy, AllowedEncryption allowedEncryption) {
        this.listenPort = listenPort;
        this.encryptionPolicy = encryptionPolicy;
        this.allowedEncryption = allowedEncryption;
    }

    /** The same with {@code policy} for both directions and {@code allowed} after the MSE handshake. */
    TestEngineConfig withEncryption(EncryptionPolicy policy, AllowedEncryption allowed) {
        return new TestEngineConfig(listenPort, policy, allowed);
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return EngineConfig.class;
    }

    @Override
    public String listenAddress() {
        return "127.0.0.1";
    }

    @Override
    public int listenPort() {
        return listenPort;
    }

    @Override
    public String outgoingAddress() {
        return "127.0.0.1";
    }

    @Override
    public String downloadFolder() {
        return "";
    }

    @Override
    public String stateFolder() {
        return "";
    }

    @Override
    public int maxConnections() {
        return 100;
    }

    @Override
    public int maxConnectionsPerTorrent() {
        return 30;
    }

    @Override
    public int uploadSlots() {
        return 4;
    }

    @Override
    public long downloadRateLimit() {
        return 0;
    }

    @Override
    public long uploadRateLimit() {
        return 0;
    }

    @Override
    public int diskThreads() {
        return 2;
    }

    @Override
    public int networkThreads() {
        return 1;
    }

    @Override
    public long readCacheBytes() {
        return 16L * 1024 * 1024;
    }

    @Override
    public boolean directWrites() {
        return true;
    }

    @Override
    public int maxRequestsPerPeer() {
        return 500;
    }

    @Override
    public int peerIdleTimeoutSeconds() {
        return 120;
    }

    @Override
    public EncryptionPolicy outgoingEncryption() {
        return encryptionPolicy;
    }

    @Override
    public EncryptionPolicy incomingEncryption() {
        return encryptionPolicy;
    }

    @Override
    public AllowedEncryption allowedEncryption() {
        return allowedEncryption;
    }

    @Override
    public boolean preferRc4() {
        return false;
    }

    @Override
    public int dhtAnnounceIntervalSeconds() {
        return 900;
    }

    @Override
    public int dhtFewPeersIntervalSeconds() {
        return 60;
    }
}
