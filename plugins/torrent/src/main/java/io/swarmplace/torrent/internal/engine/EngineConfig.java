package io.swarmplace.torrent.internal.engine;

import io.swarmplace.torrent.internal.mse.AllowedEncryption;
import io.swarmplace.torrent.internal.mse.EncryptionPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the engine, PID {@value TorrentEngine#PID}. Sizes in bytes, rates in bytes per second. */
@ObjectClassDefinition(name = "Swarmplace BitTorrent engine")
public @interface EngineConfig {

    @AttributeDefinition(description = "Address to accept peer connections on (0.0.0.0 = all interfaces)")
    String listenAddress() default "0.0.0.0";

    @AttributeDefinition(description = "TCP port for peers; 0 picks a free one")
    int listenPort() default 6881;

    @AttributeDefinition(description = "Address to dial peers from; empty lets the OS choose")
    String outgoingAddress() default "";

    @AttributeDefinition(description = "Where downloads go; empty = <data directory>/downloads")
    String downloadFolder() default "";

    @AttributeDefinition(description = "Where the engine keeps its torrents and resume data; empty = <data directory>/torrent")
    String stateFolder() default "";

    @AttributeDefinition(description = "Connections across all torrents")
    int maxConnections() default 200;

    @AttributeDefinition(description = "Connections per torrent")
    int maxConnectionsPerTorrent() default 50;

    @AttributeDefinition(description = "Regular upload slots per torrent (one optimistic slot comes on top)")
    int uploadSlots() default 4;

    @AttributeDefinition(description = "Global download limit; 0 = unlimited")
    long downloadRateLimit() default 0;

    @AttributeDefinition(description = "Global upload limit; 0 = unlimited")
    long uploadRateLimit() default 0;

    @AttributeDefinition(description = "Threads for disk I/O and SHA-1 checks")
    int diskThreads() default 2;

    @AttributeDefinition(description = "Threads for peer connections")
    int networkThreads() default 2;

    @AttributeDefinition(description = "Bytes of verified pieces cached in native memory to serve uploads, shared by"
            + " all torrents; blocks go to sockets straight from it")
    long readCacheBytes() default 64L * 1024 * 1024;

    @AttributeDefinition(description = "Write verified pieces past the OS page cache (O_DIRECT, like libtorrent's"
            + " disable_os_cache) where the file system allows it: saves the kernel CPU of caching gigabytes that"
            + " will not be read soon; seeding them afterwards reads the disk. Unaligned ends of files still go"
            + " through the cache")
    boolean directWrites() default true;

    @AttributeDefinition(description = "Outstanding block requests per peer at most")
    int maxRequestsPerPeer() default 500;

    @AttributeDefinition(description = "Seconds without any message before a peer is dropped")
    int peerIdleTimeoutSeconds() default 120;

    @AttributeDefinition(description = "Connections we dial: ENABLED tries MSE/PE encryption and dials once more in"
            + " plaintext if the peer does not answer it; FORCED encrypted only; DISABLED plaintext only")
    EncryptionPolicy outgoingEncryption() default EncryptionPolicy.ENABLED;

    @AttributeDefinition(description = "Connections peers dial: ENABLED accepts plaintext and MSE/PE; FORCED refuses"
            + " plaintext; DISABLED refuses MSE/PE")
    EncryptionPolicy incomingEncryption() default EncryptionPolicy.ENABLED;

    @AttributeDefinition(description = "What may follow the MSE/PE handshake: PLAINTEXT (only the handshake is"
            + " obfuscated), RC4 (the whole stream), or BOTH")
    AllowedEncryption allowedEncryption() default AllowedEncryption.BOTH;

    @AttributeDefinition(description = "When a peer offers plaintext and RC4 after the MSE/PE handshake, choose RC4")
    boolean preferRc4() default false;

    @AttributeDefinition(description = "Seconds between DHT lookups and announces of a public torrent (libtorrent: 15 min)")
    int dhtAnnounceIntervalSeconds() default 900;

    @AttributeDefinition(description = "Seconds between DHT lookups while a torrent has few peers or the DHT is not ready")
    int dhtFewPeersIntervalSeconds() default 60;
}
