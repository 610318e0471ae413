package io.swarmplace.torrent.internal.wire;

/**
 * User event fired by {@link HandshakeHandler} once both handshakes are exchanged, before any message
 * of the connection. The framing and codec handlers are in place when it arrives.
 *
 * @param remote what the peer sent: its id and reserved bits
 * @param local what we sent
 * @param torrent the torrent this connection is for
 * @param incoming whether the peer dialled us
 */
public record HandshakeCompleted(Handshake remote, Handshake local, LocalTorrent torrent, boolean incoming) {

    /** BEP 6: the fast extension is on only when both sides set the bit. */
    public boolean fastExtension() {
        return remote.supportsFastExtension() && local.supportsFastExtension();
    }

    /** BEP 10: extension messages may be sent only when both sides set the bit. */
    public boolean extensionProtocol() {
        return remote.supportsExtensionProtocol() && local.supportsExtensionProtocol();
    }
}
