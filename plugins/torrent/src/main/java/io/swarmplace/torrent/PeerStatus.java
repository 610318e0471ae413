package io.swarmplace.torrent;

import java.net.InetSocketAddress;

/**
 * One connected peer of a torrent. Byte counts are payload bytes (piece data), the basis on which the
 * bandwidth market pays.
 *
 * @param client client name decoded from the peer id (e.g. "libtorrent 2.0.8")
 * @param source how we learned of it
 * @param outgoing true if we dialled it
 * @param bytesDownloaded payload bytes received from this peer
 * @param bytesUploaded payload bytes sent to this peer
 * @param progress the fraction of pieces the peer has
 * @param encryption whether the connection is encrypted (MSE/PE) and how
 */
public record PeerStatus(
        InetSocketAddress address,
        String client,
        PeerSource source,
        boolean outgoing,
        long bytesDownloaded,
        long bytesUploaded,
        long downloadRate,
        long uploadRate,
        boolean amChoking,
        boolean amInterested,
        boolean peerChoking,
        boolean peerInterested,
        boolean snubbed,
        double progress,
        PeerEncryption encryption) {}
