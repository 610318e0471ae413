package io.swarmplace.torrent.internal.wire;

import io.swarmplace.torrent.metainfo.InfoHash;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The 68-byte BitTorrent handshake (BEP 3): {@code \x13BitTorrent protocol}, 8 reserved bytes, the
 * info-hash and the peer id.
 */
public record Handshake(ReservedBits reserved, InfoHash infoHash, PeerId peerId) {

    public static final int LENGTH = 68;
    static final byte[] PROTOCOL = "\u0013BitTorrent protocol".getBytes(StandardCharsets.US_ASCII);
    private static final int RESERVED_OFFSET = 20;
    private static final int INFO_HASH_OFFSET = 28;
    private static final int PEER_ID_OFFSET = 48;

    public boolean supportsExtensionProtocol() {
        return reserved.extensionProtocol();
    }

    public boolean supportsFastExtension() {
        return reserved.fastExtension();
    }

    public boolean supportsDht() {
        return reserved.dht();
    }

    public Handshake withInfoHash(InfoHash other) {
        return new Handshake(reserved, other, peerId);
    }

    public byte[] encode() {
        byte[] out = new byte[LENGTH];
        System.arraycopy(PROTOCOL, 0, out, 0, PROTOCOL.length);
        reserved.writeTo(out, RESERVED_OFFSET);
        System.arraycopy(infoHash.bytes(), 0, out, INFO_HASH_OFFSET, InfoHash.LENGTH);
        System.arraycopy(peerId.bytes(), 0, out, PEER_ID_OFFSET, PeerId.LENGTH);
        return out;
    }

    /** Decodes 68 bytes whose protocol prefix has been checked with {@link #protocolPrefixMatches}. */
    public static Handshake decode(byte[] in) {
        if (in.length != LENGTH || protocolPrefixMatches(in, LENGTH) != LENGTH) {
            throw new HandshakeFailedException(HandshakeFailedException.Reason.NOT_BITTORRENT,
                    "not a BitTorrent handshake: " + in.length + " bytes not starting with \\x13BitTorrent protocol");
        }
        return new Handshake(
                ReservedBits.fromBytes(in, RESERVED_OFFSET),
                new InfoHash(Arrays.copyOfRange(in, INFO_HASH_OFFSET, PEER_ID_OFFSET)),
                new PeerId(Arrays.copyOfRange(in, PEER_ID_OFFSET, LENGTH)));
    }

    /** Info-hash from a partial handshake of at least 48 bytes. */
    static InfoHash infoHashOf(byte[] in) {
        return new InfoHash(Arrays.copyOfRange(in, INFO_HASH_OFFSET, PEER_ID_OFFSET));
    }

    static final int INFO_HASH_END = PEER_ID_OFFSET;

    /**
     * Checks the first {@code count} received bytes against the protocol string. Returns {@code count}
     * when they match so far (bytes beyond the protocol string are not checked), or the index of the
     * first byte that differs.
     */
    public static int protocolPrefixMatches(byte[] in, int count) {
        int checked = Math.min(count, PROTOCOL.length);
        for (int i = 0; i < checked; i++) {
            if (in[i] != PROTOCOL[i]) {
                return i;
            }
        }
        return count;
    }
}
