package io.swarmplace.torrent.internal.storage;

import io.swarmplace.torrent.metainfo.TorrentInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** Reads and atomically writes a torrent's resume file. Blocking: call on a disk thread. */
public final class ResumeFile {

    private ResumeFile() {}

    /**
     * @return empty when there is no such file
     * @throws ResumeDataException when the file cannot be read, is too large, corrupt, or belongs to
     *     another torrent
     */
    public static Optional<ResumeData> read(Path file, TorrentInfo info) {
        int max = ResumeDataCodec.maxLength(info);
        byte[] bytes;
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            if (size > max) {
                throw new ResumeDataException(file,
                        "it is " + size + " bytes, more than the " + max + " bytes resume data of this torrent can take");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read until full or the file ends early (it may shrink while being read)
            }
            buffer.flip();
            bytes = buffer.limit() == buffer.capacity() ? buffer.array() : Arrays.copyOf(buffer.array(), buffer.limit());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ResumeDataException(file, "it cannot be read: " + StorageException.of("read", file, e).getMessage(), e);
        }
        return Optional.of(ResumeDataCodec.decode(bytes, info, file));
    }

    /** Replaces {@code file} with {@code data}: temp file, fsync, rename. */
    public static void write(Path file, ResumeData data) {
        try {
            AtomicFiles.write(file, ResumeDataCodec.encode(data));
        } catch (IOException e) {
            throw StorageException.of("write resume data", file, e);
        }
    }
}
