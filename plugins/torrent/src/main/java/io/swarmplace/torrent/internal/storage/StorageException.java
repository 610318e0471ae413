package io.swarmplace.torrent.internal.storage;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A storage operation failed. The message names the operation and the file, and {@link #kind()} says
 * what a user (or the engine) can do about it: free space, fix permissions, recheck, pick another folder.
 */
public class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, coarse enough to act on. */
    public enum Kind {
        /** No space left on the device or quota exceeded. */
        DISK_FULL,
        /** The OS refused access to a file or folder. */
        PERMISSION_DENIED,
        /** A file that should hold verified data is gone. */
        FILE_NOT_FOUND,
        /** Verified data is shorter on disk than the torrent says (changed outside Swarmplace). */
        DATA_MISSING,
        /** A file or folder already exists where one must be created. */
        ALREADY_EXISTS,
        /** A file of the torrent would land outside its download folder. */
        PATH_OUTSIDE_FOLDER,
        /** Two files of the torrent claim the same path, or a file is in the way of a folder. */
        PATH_CONFLICT,
        /** The caller asked for something the torrent does not have (piece index, range, size). */
        INVALID_REQUEST,
        /** The piece is not verified, so its bytes cannot be served. */
        PIECE_NOT_AVAILABLE,
        /** Resume data could not be read or does not belong to this torrent. */
        RESUME_DATA,
        /** The storage was closed. */
        CLOSED,
        /** Any other I/O error; the message has the operating system's reason. */
        IO_ERROR
    }

    private final Kind kind;
    private final Path file;

    public StorageException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public StorageException(Kind kind, String message, Path file, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.file = file;
    }

    public Kind kind() {
        return kind;
    }

    /** The file or folder the failure is about, when there is one. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * The StorageException behind a future's failure, which arrives bare or wrapped in a
     * CompletionException or ExecutionException depending on where it was thrown.
     */
    public static Optional<StorageException> causeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StorageException storage) {
                return Optional.of(storage);
            }
            if (!(t instanceof CompletionException
                    || t instanceof ExecutionException)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Translates an I/O failure into a message of the form "cannot OPERATION FILE: REASON" with the
     * matching kind.
     *
     * @param operation a verb phrase such as "write piece 7 to" or "open"
     */
    public static StorageException of(String operation, Path file, IOException cause) {
        Kind kind = kindOf(cause);
        String reason = switch (kind) {
            case DISK_FULL -> "the disk is full (" + osReason(cause) + ")";
            case PERMISSION_DENIED -> "permission denied";
            case FILE_NOT_FOUND -> "no such file or folder" + otherFile(cause, file);
            case ALREADY_EXISTS -> "a file is in the way" + otherFile(cause, file);
            default -> osReason(cause) + otherFile(cause, file);
        };
        return new StorageException(kind, "cannot " + operation + " " + file + ": " + reason, file, cause);
    }

    static Kind kindOf(IOException cause) {
        if (cause instanceof AccessDeniedException) {
            return Kind.PERMISSION_DENIED;
        }
        if (cause instanceof NoSuchFileException) {
            return Kind.FILE_NOT_FOUND;
        }
        if (cause instanceof FileAlreadyExistsException) {
            return Kind.ALREADY_EXISTS;
        }
        if (cause instanceof NotDirectoryException) {
            return Kind.PATH_CONFLICT;
        }
        String text = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        if (text.contains("no space left") || text.contains("disk quota exceeded") || text.contains("not enough space")) {
            return Kind.DISK_FULL;
        }
        if (text.contains("permission denied") || text.contains("operation not permitted")
                || text.contains("read-only file system")) {
            return Kind.PERMISSION_DENIED;
        }
        if (text.contains("not a directory")) {
            return Kind.PATH_CONFLICT;
        }
        return Kind.IO_ERROR;
    }

    private static String osReason(IOException cause) {
        if (cause instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    // The JDK reports the path it was working on, which may be a parent folder of the one we named.
    private static String otherFile(IOException cause, Path named) {
        if (cause instanceof FileSystemException fs && fs.getFile() != null
                && !fs.getFile().equals(String.valueOf(named))) {
            return " (at " + fs.getFile() + ")";
        }
        return "";
    }
}
