package io.swarmplace.torrent.internal.shell;

import io.swarmplace.torrent.PeerStatus;
import java.util.List;
import java.util.Locale;

/**
 * The peer listing. Flags follow the convention of libtorrent's client_test: lower case is about us,
 * upper case about the peer: i/I interested, c/C choking, s snubbed; o marks a connection we dialled,
 * E one encrypted with RC4, e one whose MSE/PE handshake was obfuscated but whose stream is plaintext.
 */
final class PeerTable {

    private static final String ROW = "%-21s  %-18s  %-13s  %-7s  %10s  %10s  %11s  %11s  %6s%n";

    private PeerTable() {}

    static String format(List<PeerStatus> peers) {
        if (peers.isEmpty()) {
            return "No connected peers.";
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, ROW,
                "ADDRESS", "CLIENT", "SOURCE", "FLAGS", "RECEIVED", "SENT", "DOWN", "UP", "HAS"));
        for (PeerStatus peer : peers) {
            out.append(String.format(Locale.ROOT, ROW,
                    peer.address().getAddress().getHostAddress() + ":" + peer.address().getPort(),
                    truncate(peer.client(), 18),
                    peer.source().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    flags(peer),
                    Units.bytes(peer.bytesDownloaded()),
                    Units.bytes(peer.bytesUploaded()),
                    Units.rate(peer.downloadRate()),
                    Units.rate(peer.uploadRate()),
                    Units.percent(peer.progress())));
        }
        return out.toString().stripTrailing();
    }

    private static String flags(PeerStatus peer) {
        return (peer.amInterested() ? "i" : "")
                + (peer.amChoking() ? "c" : "")
                + (peer.peerInterested() ? "I" : "")
                + (peer.peerChoking() ? "C" : "")
                + (peer.snubbed() ? "s" : "")
                + (peer.outgoing() ? "o" : "")
                + switch (peer.encryption()) {
                    case RC4 -> "E";
                    case OBFUSCATED_HANDSHAKE -> "e";
                    case NONE -> "";
                };
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
