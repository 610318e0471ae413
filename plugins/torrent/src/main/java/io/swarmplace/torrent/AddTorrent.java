package io.swarmplace.torrent;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to add and how.
 *
 * @param source a .torrent file, its bytes, or a magnet link
 * @param saveFolder where the content goes; empty means the engine's download folder
 * @param paused add without connecting to anyone
 * @param sequential download pieces in order (for streaming) instead of rarest first
 * @param extraTrackers tracker URLs to use besides the torrent's own (ignored for private torrents)
 * @param peers peers to dial at once, besides those trackers and the DHT find
 */
public record AddTorrent(
        Source source,
        Optional<Path> saveFolder,
        boolean paused,
        boolean sequential,
        List<URI> extraTrackers,
        List<InetSocketAddress> peers) {

    public AddTorrent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(saveFolder, "saveFolder");
        extraTrackers = List.copyOf(extraTrackers);
        peers = List.copyOf(peers);
    }

    public static AddTorrent of(Source source) {
        return new AddTorrent(source, Optional.empty(), false, false, List.of(), List.of());
    }

    public AddTorrent savingTo(Path folder) {
        return new AddTorrent(source, Optional.of(folder), paused, sequential, extraTrackers, peers);
    }

    public AddTorrent paused(boolean paused) {
        return new AddTorrent(source, saveFolder, paused, sequential, extraTrackers, peers);
    }

    public AddTorrent sequential(boolean sequential) {
        return new AddTorrent(source, saveFolder, paused, sequential, extraTrackers, peers);
    }

    public AddTorrent withPeers(List<InetSocketAddress> peers) {
        return new AddTorrent(source, saveFolder, paused, sequential, extraTrackers, peers);
    }

    public AddTorrent withTrackers(List<URI> trackers) {
        return new AddTorrent(source, saveFolder, paused, sequential, trackers, peers);
    }

    /** Where the torrent's metadata comes from. */
    public sealed interface Source {}

    /** A .torrent file on disk. */
    public record TorrentFileSource(Path file) implements Source {}

    /** The bytes of a .torrent file. */
    public record TorrentBytesSource(byte[] bytes) implements Source {
        public TorrentBytesSource {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    /** A magnet link: the metadata is fetched from peers (BEP 9). */
    public record MagnetSource(String uri) implements Source {}
}
