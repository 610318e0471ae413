package io.swarmplace.torrent.internal.engine;

import io.swarmplace.torrent.internal.mse.AllowedEncryption;
import io.swarmplace.torrent.internal.mse.EncryptionPolicy;
import java.lang.annotation.Annotation;

/**
 * {@link TestEngineConfig} with the two settings hostile-peer tests vary: the address we dial from and
 * how long a peer may stay silent before it is dropped (the request and snub timeouts follow it), on
 * the production default of two network loops. The
 * hand-written peers speak plaintext BitTorrent only and serve one connection, so the engine dials them
 * without MSE/PE rather than spend that connection on an encrypted attempt.
 */
final class HostileEngineConfig implements EngineConfig {

    private final EngineConfig base = new TestEngineConfig(0);
    private final String outgoingAddress;
    private final int peerIdleTimeoutSeconds;

    HostileEngineConfig(String outgoingAddress, int peerIdleTimeoutSeconds) {
        this.outgoingAddress = outgoingAddress;
        this.peerIdleTimeoutSeconds = peerIdleTimeoutSeconds;
    }

    static HostileEngineConfig defaults() {
        return new HostileEngineConfig("127.0.0.1", 120);
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return EngineConfig.class;
    }

    @Override
    public String listenAddress() {
        return base.listenAddress();
    }

    @Override
    public int listenPort() {
        return base.listenPort();
    }

    @Override
    public String outgoingAddress() {
        return outgoingAddress;
    }

    @Override
    public String downloadFolder() {
        return base.downloadFolder();
    }

    @Override
    public String stateFolder() {
        return base.stateFolder();
    }

    @Override
    public int maxConnections() {
        return base.maxConnections();
    }

    @Override
    public int maxConnectionsPerTorrent() {
        return base.maxConnectionsPerTorrent();
    }

    @Override
    public int uploadSlots() {
        return base.uploadSlots();
    }

    @Override
    public long downloadRateLimit() {
        return base.downloadRateLimit();
    }

    @Override
    public long uploadRateLimit() {
        return base.uploadRateLimit();
    }

    @Override
    public int diskThreads() {
        return base.diskThreads();
    }

    @Override
    public int networkThreads() {
        // The production default: a peer that dials in is accepted on either loop and moves to its torrent's.
        return 2;
    }

    @Override
    public long readCacheBytes() {
        return base.readCacheBytes();
    }

    @Override
    public boolean directWrites() {
        return base.directWrites();
    }

    @Override
    public int maxRequestsPerPeer() {
        return base.maxRequestsPerPeer();
    }

    @Override
    public int peerIdleTimeoutSeconds() {
        return peerIdleTimeoutSeconds;
    }

    @Override
    public EncryptionPolicy outgoingEncryption() {
        return EncryptionPolicy.DISABLED;
    }

    @Override
    public EncryptionPolicy incomingEncryption() {
        return base.incomingEncryption();
    }

    @Override
    public AllowedEncryption allowedEncryption() {
        return base.allowedEncryption();
    }

    @Override
    public boolean preferRc4() {
        return base.preferRc4();
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
