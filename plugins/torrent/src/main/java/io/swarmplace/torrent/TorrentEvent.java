package io.swarmplace.torrent;

import io.swarmplace.torrent.metainfo.InfoHash;
import java.net.InetSocketAddress;

/** Something that happened to a torrent; delivered to every {@link TorrentEventListener}. */
public sealed interface TorrentEvent {

    InfoHash infoHash();

    /** A magnet link's info dictionary arrived and checked against the info-hash. */
    record MetadataReceived(InfoHash infoHash, String name) implements TorrentEvent {}

    /** A piece passed its SHA-1 check and is on disk. */
    record PieceVerified(InfoHash infoHash, int piece) implements TorrentEvent {}

    /** Every wanted piece is verified. */
    record Completed(InfoHash infoHash) implements TorrentEvent {}

    /**
     * A connection ended; the payload bytes exchanged over it are final (with {@link PeerStatus} for
     * live connections, the complete per-peer account).
     */
    record PeerDisconnected(InfoHash infoHash, InetSocketAddress peer, String client, long bytesDownloaded,
            long bytesUploaded) implements TorrentEvent {}

    /** A peer was disconnected and will not be accepted again. */
    record PeerBanned(InfoHash infoHash, InetSocketAddress peer, String reason) implements TorrentEvent {}

    /** The torrent stopped with an error. */
    record Failed(InfoHash infoHash, String message) implements TorrentEvent {}
}
