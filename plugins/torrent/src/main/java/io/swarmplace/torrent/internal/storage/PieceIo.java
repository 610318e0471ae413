package io.swarmplace.torrent.internal.storage;

import io.swarmplace.torrent.metainfo.TorrentFile;
import io.swarmplace.torrent.metainfo.TorrentInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Positional reads and writes of piece slices through the file handle pool, and the bookkeeping that
 * makes resume data honest: which files were written since they were last forced to disk. Blocking:
 * runs on disk threads. Thread-safe; the caller switches {@link #paths} only while no I/O runs.
 */
final class PieceIo {

    private final FileHandles handles;
    private final DirectWrites directWrites;
    private volatile StoragePaths paths;
    /** Files written since they were last forced to disk. */
    private final BitSet dirtyFiles = new BitSet();
    final LongAdder bytesRead = new LongAdder();
    final LongAdder bytesWritten = new LongAdder();
    /** The part of {@link #bytesWritten} that bypassed the page cache. */
    final LongAdder bytesWrittenDirect = new LongAdder();

    PieceIo(FileHandles handles, DirectWrites directWrites, StoragePaths paths) {
        this.handles = handles;
        this.directWrites = directWrites;
        this.paths = paths;
    }

    StoragePaths paths() {
        return paths;
    }

    /** Points at a new layout (after a move); open handles on the old one must be closed first. */
    void paths(StoragePaths moved) {
        this.paths = moved;
    }

    /** Writes the slices of {@code data} (from its position) to their files; padding is skipped. */
    void write(int piece, List<FileSlice> slices, ByteBuffer data) {
        int at = data.position();
        for (FileSlice slice : slices) {
            if (!slice.padding()) {
                writeSlice(piece, slice, data.duplicate().position(at).limit(at + slice.length()));
            }
            at += slice.length();
        }
    }

    private void writeSlice(int piece, FileSlice slice, ByteBuffer bytes) {
        Path file = paths.file(slice.fileIndex());
        try (FileHandles.Lease lease = handles.acquire(slice.fileIndex(), file, true)) {
            synchronized (dirtyFiles) {
                dirtyFiles.set(slice.fileIndex());
            }
            Optional<DirectWrites.Channel> direct = lease.direct();
            if (direct.isEmpty() || !writeAlignedPartDirect(direct.get(), lease.channel(), bytes, slice.fileOffset(), file)) {
                writeFully(lease.channel(), bytes, slice.fileOffset());
            }
        } catch (IOException e) {
            throw StorageException.of("write piece " + piece + " to", file, e);
        }
        bytesWritten.add(slice.length());
    }

    /**
     * Writes the block-aligned middle of the slice past the page cache and its unaligned ends through it.
     *
     * @return false when no whole block of it went direct: the caller writes all of it through the cache
     */
    private boolean writeAlignedPartDirect(DirectWrites.Channel direct, FileChannel cached, ByteBuffer bytes,
            long offset, Path file) throws IOException {
        Optional<DirectWrites.Range> aligned = direct.alignedPart(offset, bytes.remaining());
        if (aligned.isEmpty()) {
            return false;
        }
        long start = aligned.get().start();
        long end = aligned.get().end();
        int headEnd = bytes.position() + (int) (start - offset);
        int blocksEnd = headEnd + (int) (end - start);
        ByteBuffer blocks = bytes.duplicate().position(headEnd).limit(blocksEnd);
        boolean written;
        try {
            written = directWrites.write(direct, blocks, start);
        } catch (IOException e) {
            // Some file systems accept O_DIRECT at open and refuse the write; a real disk fault fails again below.
            directWrites.refuse(file, e.toString());
            written = false;
        }
        if (!written) {
            return false;
        }
        bytesWrittenDirect.add(end - start);
        writeFully(cached, bytes.duplicate().limit(headEnd), offset);
        writeFully(cached, bytes.duplicate().position(blocksEnd), end);
        return true;
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes, long offset) throws IOException {
        long position = offset;
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
    }

    /**
     * Reads the slices into {@code into} from offset 0; padding reads as zeros.
     *
     * @param tolerateMissing true for rechecks: a missing or short file answers false instead of failing
     * @return whether every byte was there
     */
    boolean read(int piece, List<FileSlice> slices, byte[] into, boolean tolerateMissing) {
        return read(piece, slices, ByteBuffer.wrap(into), tolerateMissing);
    }

    /**
     * Reads the slices into {@code into} from its position on (a direct buffer is filled by the kernel with
     * no copy through a temporary one); padding reads as zeros. The position does not move.
     *
     * @param tolerateMissing true for rechecks: a missing or short file answers false instead of failing
     * @return whether every byte was there
     */
    boolean read(int piece, List<FileSlice> slices, ByteBuffer into, boolean tolerateMissing) {
        int at = into.position();
        for (FileSlice slice : slices) {
            ByteBuffer part = into.duplicate().position(at).limit(at + slice.length());
            if (slice.padding()) {
                while (part.hasRemaining()) {
                    part.put((byte) 0);
                }
            } else if (!readSlice(piece, slice, part, tolerateMissing)) {
                return false;
            }
            at += slice.length();
        }
        return true;
    }

    private boolean readSlice(int piece, FileSlice slice, ByteBuffer into, boolean tolerateMissing) {
        Path file = paths.file(slice.fileIndex());
        try (FileHandles.Lease lease = handles.acquire(slice.fileIndex(), file, false)) {
            FileChannel channel = lease.channel();
            long position = slice.fileOffset();
            while (into.hasRemaining()) {
                int read = channel.read(into, position);
                if (read < 0) {
                    if (tolerateMissing) {
                        return false;
                    }
                    throw new StorageException(StorageException.Kind.DATA_MISSING,
                            "cannot read piece " + piece + " from " + file + ": the file has " + channel.size()
                                    + " bytes but the piece needs bytes " + slice.fileOffset() + " to "
                                    + (slice.fileOffset() + slice.length())
                                    + "; it was changed outside Swarmplace, recheck the torrent", file, null);
                }
                position += read;
                bytesRead.add(read);
            }
            return true;
        } catch (NoSuchFileException e) {
            if (tolerateMissing) {
                return false;
            }
            throw new StorageException(StorageException.Kind.FILE_NOT_FOUND,
                    "cannot read piece " + piece + " from " + file + ": the file is gone; recheck the torrent",
                    file, e);
        } catch (IOException e) {
            throw StorageException.of("read piece " + piece + " from", file, e);
        }
    }

    /** Creates the torrent's zero-length files, which no piece write ever reaches. */
    void createEmptyFiles(TorrentInfo info) {
        for (int i = 0; i < info.files().size(); i++) {
            TorrentFile file = info.files().get(i);
            Path path = paths.file(i);
            if (path == null || file.length() > 0 || Files.exists(path)) {
                continue;
            }
            try {
                Files.createDirectories(path.getParent());
                Files.createFile(path);
            } catch (FileAlreadyExistsException e) {
                // created meanwhile: fine
            } catch (IOException e) {
                throw StorageException.of("create the empty file", path, e);
            }
        }
    }

    /** Forces every file written since the last call to disk (data and size). */
    void forceWritten() {
        BitSet toForce;
        synchronized (dirtyFiles) {
            toForce = (BitSet) dirtyFiles.clone();
        }
        for (int i = toForce.nextSetBit(0); i >= 0; i = toForce.nextSetBit(i + 1)) {
            Path file = paths.file(i);
            // fsync through any descriptor flushes the file's pages, whichever descriptor wrote them.
            try (FileHandles.Lease lease = handles.acquire(i, file, false)) {
                lease.channel().force(true);
            } catch (NoSuchFileException e) {
                // Deleted outside Swarmplace: its state reads as absent, so its pieces are not claimed.
            } catch (IOException e) {
                throw StorageException.of("flush", file, e);
            }
            synchronized (dirtyFiles) {
                dirtyFiles.clear(i);
            }
        }
    }

    /** Forgets pending writes, for files that are being deleted. */
    void forgetWritten() {
        synchronized (dirtyFiles) {
            dirtyFiles.clear();
        }
    }
}
