/**
 * The BitTorrent peer wire protocol on Netty: the handshake (BEP 3, with the reserved bits of BEP 5,
 * 6 and 10), length-prefixed framing, the message codec including the fast extension (BEP 6), and the
 * payloads carried inside extension messages: the extension handshake (BEP 10), metadata exchange
 * (BEP 9) and peer exchange (BEP 11). Peer ids follow BEP 20.
 *
 * <p>Pipeline of one connection, one handler per concern:
 * {@link io.swarmplace.torrent.internal.wire.HandshakeHandler} (removes itself once the handshake is
 * done) then {@link io.swarmplace.torrent.internal.wire.MessageFrameDecoder},
 * {@link io.swarmplace.torrent.internal.wire.PeerMessageDecoder} and
 * {@link io.swarmplace.torrent.internal.wire.PeerMessageEncoder}, which it installs. Protocol state
 * (choking, requests, extension ids) belongs to the engine's handler after them.
 */
package io.swarmplace.torrent.internal.wire;
