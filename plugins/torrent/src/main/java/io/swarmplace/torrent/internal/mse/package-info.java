/**
 * Message Stream Encryption / Protocol Encryption (MSE/PE), the obfuscated handshake of Vuze and
 * libtorrent that has no BEP: a 768-bit Diffie-Hellman exchange, a synchronisation search bounded by
 * the spec's 512-byte paddings, the torrent chosen by {@code HASH('req2', SKEY)} so that an observer
 * never sees the info-hash, and RC4 (first 1024 bytes of keystream dropped) or plaintext after that.
 *
 * <p>{@link io.swarmplace.torrent.internal.mse.MseHandshakeHandler} sits in front of the BitTorrent
 * handshake handler, negotiates, then replaces itself with an
 * {@link io.swarmplace.torrent.internal.mse.Rc4Handler} (or removes itself for plaintext). Incoming
 * connections may also start with a plaintext BitTorrent handshake; the policy decides what is accepted.
 */
package io.swarmplace.torrent.internal.mse;
