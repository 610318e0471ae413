package io.swarmplace.torrent.internal.create;

import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BList;
import io.swarmplace.bencode.BString;
import io.swarmplace.bencode.BValue;
import io.swarmplace.torrent.metainfo.InfoHash;
import io.swarmplace.torrent.metainfo.Metainfo;
import io.swarmplace.torrent.metainfo.MetainfoException;
import io.swarmplace.torrent.metainfo.MetainfoReader;
import io.swarmplace.torrent.metainfo.MetainfoWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Makes a BitTorrent v1 torrent of a file or a folder (see {@link SourceScanner} for which files and in
 * which order, {@link Layout} for padding, {@link PieceHasher} for the hashing). Everything, including
 * the folder scan, runs on the given executor; nothing blocks the caller. The result is read back
 * through {@link MetainfoReader}, so a created torrent obeys every rule a downloaded one must. Write it
 * with {@link MetainfoWriter}. Thread-safe; one creator can run several creations at once.
 */
public final class TorrentCreator {

    private final Executor executor;
    private final PieceHasher hasher;
    private final MetainfoReader reader = new MetainfoReader();

    /**
     * @param executor runs the scan and the hashing (disk reads: never an event loop)
     * @param parallelism how many pieces are hashed at once, each with a buffer of up to 1 MiB
     */
    public TorrentCreator(Executor executor, int parallelism) {
        this.executor = executor;
        this.hasher = new PieceHasher(executor, parallelism);
    }

    /**
     * Starts making a torrent of {@code source}. The future completes with the torrent or fails with a
     * {@link TorrentCreationException} (no regular files, nothing but empty files, unreadable file, a file
     * that changed size while it was hashed, a name the torrent format cannot hold). Cancelling the
     * future stops the hashing after the pieces in progress.
     */
    public CompletableFuture<Metainfo> create(Path source, TorrentCreationOptions options, CreationProgress progress) {
        CompletableFuture<Metainfo> result = new CompletableFuture<>();
        try {
            executor.execute(() -> start(source, options, progress, result));
        } catch (RuntimeException rejected) {
            result.completeExceptionally(
                    new TorrentCreationException("the executor refused the torrent creation: " + rejected, rejected));
        }
        return result;
    }

    private void start(Path source, TorrentCreationOptions options, CreationProgress progress,
            CompletableFuture<Metainfo> result) {
        try {
            SourceScanner.Scan scan = SourceScanner.scan(source);
            List<SourceFile> files = scan.files();
            long contentLength = files.stream().mapToLong(SourceFile::length).sum();
            if (contentLength == 0) {
                throw new TorrentCreationException("cannot make a torrent of " + source
                        + ": all its files are empty, and a torrent needs at least one byte");
            }
            int pieceLength = options.pieceLength() == TorrentCreationOptions.AUTOMATIC
                    ? PieceSizes.automatic(contentLength) : options.pieceLength();
            Layout layout = Layout.of(files, scan.singleFile(), pieceLength, options.padding());
            long pieces = PieceSizes.pieceCount(layout.totalLength(), pieceLength);
            if (pieces * 20 > MetainfoReader.LIMITS.maxStringLength()) {
                throw new TorrentCreationException(source + " has " + layout.totalLength() + " bytes: in pieces of "
                        + pieceLength + " bytes that is " + pieces + " pieces, too many; choose a larger piece length");
            }
            hasher.hash(layout, progress, result::isDone).whenComplete((hashes, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(failure);
                    return;
                }
                try {
                    verifyUnchanged(layout);
                    result.complete(metainfo(source, options, layout, hashes));
                } catch (TorrentCreationException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (TorrentCreationException | RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    /** A file that grew or shrank after its last piece was read would make a torrent of neither version. */
    private static void verifyUnchanged(Layout layout) throws TorrentCreationException {
        for (Layout.Entry entry : layout.entries()) {
            if (entry.padding()) {
                continue;
            }
            try {
                long size = Files.size(entry.source());
                if (size != entry.length()) {
                    throw new TorrentCreationException(entry.source() + " changed while it was being hashed: it had "
                            + entry.length() + " bytes when the torrent creation started, now " + size);
                }
            } catch (IOException e) {
                throw new TorrentCreationException("cannot read " + SourceScanner.describe(e), e);
            }
        }
    }

    private Metainfo metainfo(Path source, TorrentCreationOptions options, Layout layout, byte[] hashes)
            throws TorrentCreationException {
        String name = options.name().orElseGet(() -> source.getFileName().toString());
        BDictionary.Builder info = BDictionary.builder()
                .put("name", name)
                .put("piece length", layout.pieceLength())
                .put("pieces", hashes);
        if (layout.singleFile()) {
            info.put("length", layout.totalLength());
        } else {
            info.put("files", new BList(layout.entries().stream().map(TorrentCreator::fileEntry).toList()));
        }
        if (options.privateTorrent()) {
            info.put("private", 1);
        }
        byte[] infoBytes = info.build().encode();
        try {
            Metainfo checked = reader.fromInfoDictionary(InfoHash.ofInfoBytes(infoBytes), infoBytes, options.trackerTiers());
            return new Metainfo(
                    checked.infoHash(),
                    checked.info(),
                    infoBytes,
                    checked.announceTiers(),
                    options.webSeeds(),
                    options.comment(),
                    options.createdBy(),
                    options.creationDate().map(date -> Instant.ofEpochSecond(date.getEpochSecond())));
        } catch (MetainfoException invalid) {
            throw new TorrentCreationException("cannot make a torrent of " + source + ": " + invalid.getMessage(), invalid);
        }
    }

    private static BValue fileEntry(Layout.Entry entry) {
        BDictionary.Builder file = BDictionary.builder()
                .put("length", entry.length())
                .put("path", new BList(entry.components().stream().<BValue>map(BString::of).toList()));
        if (entry.padding()) {
            file.put("attr", "p");
        }
        return file.build();
    }
}
