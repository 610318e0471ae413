package io.swarmplace.torrent.internal.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Moves a torrent's files from one layout to another: by rename when both are on one file system,
 * otherwise by copying everything first and deleting the originals only once every copy is forced to
 * disk. Any failure before that point undoes what was done, so the old location stays whole.
 * Modification times are kept, so resume data stays valid. Blocking: runs on a disk thread.
 */
final class FileMover {

    private final StoragePaths from;
    private final StoragePaths to;
    private final int fileCount;
    /** Folders this move created, in creation order, so a rollback can remove them. */
    private final Deque<Path> createdFolders = new ArrayDeque<>();

    FileMover(StoragePaths from, StoragePaths to, int fileCount) {
        this.from = from;
        this.to = to;
        this.fileCount = fileCount;
    }

    void move() {
        List<Integer> present = new ArrayList<>();
        for (int i = 0; i < fileCount; i++) {
            Path source = from.file(i);
            if (source != null && Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                present.add(i);
                if (Files.exists(to.file(i), LinkOption.NOFOLLOW_LINKS)) {
                    throw new StorageException(StorageException.Kind.ALREADY_EXISTS,
                            "cannot move " + source + " to " + to.file(i) + ": a file is already there; nothing was moved",
                            to.file(i), null);
                }
            }
        }
        if (!renameAll(present)) {
            copyAll(present);
        }
        removeEmptyFolders(from);
    }

    /** @return false when the target is on another file system (nothing is left renamed then) */
    private boolean renameAll(List<Integer> present) {
        List<Integer> renamed = new ArrayList<>();
        for (int i : present) {
            try {
                createParents(to.file(i));
                Files.move(from.file(i), to.file(i), StandardCopyOption.ATOMIC_MOVE);
                renamed.add(i);
            } catch (AtomicMoveNotSupportedException e) {
                undoRenames(renamed);
                return false;
            } catch (IOException e) {
                undoRenames(renamed);
                removeCreatedFolders();
                throw moveFailed(from.file(i), e);
            }
        }
        return true;
    }

    private void copyAll(List<Integer> present) {
        List<Integer> copied = new ArrayList<>();
        for (int i : present) {
            try {
                createParents(to.file(i));
                Files.copy(from.file(i), to.file(i), StandardCopyOption.COPY_ATTRIBUTES);
                copied.add(i);
                // The copy keeps the time only to the microsecond; resume data compares nanoseconds.
                Files.setLastModifiedTime(to.file(i), Files.getLastModifiedTime(from.file(i)));
                try (FileChannel channel = FileChannel.open(to.file(i), StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            } catch (IOException e) {
                for (int done : copied) {
                    deleteQuietly(to.file(done));
                }
                removeCreatedFolders();
                throw moveFailed(from.file(i), e);
            }
        }
        // Every copy is on disk: only now may the originals go. A failure here leaves a spare copy behind,
        // never a missing file.
        for (int i : present) {
            deleteQuietly(from.file(i));
        }
    }

    private void undoRenames(List<Integer> renamed) {
        for (int i : renamed) {
            try {
                Files.move(to.file(i), from.file(i), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // The file is whole at the new place; leaving it there loses nothing.
            }
        }
    }

    private void createParents(Path file) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path parent = file.getParent(); parent != null && !Files.isDirectory(parent); parent = parent.getParent()) {
            missing.push(parent);
        }
        while (!missing.isEmpty()) {
            Path folder = missing.pop();
            Files.createDirectory(folder);
            createdFolders.push(folder);
        }
    }

    private void removeCreatedFolders() {
        while (!createdFolders.isEmpty()) {
            deleteQuietly(createdFolders.pop());
        }
    }

    private static StorageException moveFailed(Path source, IOException e) {
        StorageException cause = StorageException.of("move", source, e);
        return new StorageException(cause.kind(), cause.getMessage() + "; the files were left where they were",
                source, e);
    }

    /** Removes the folders a layout implies, deepest first, where they are empty. */
    static void removeEmptyFolders(StoragePaths paths) {
        for (Path folder : paths.impliedFolders()) {
            try {
                Files.deleteIfExists(folder);
            } catch (DirectoryNotEmptyException e) {
                // Holds files that are not ours (or not gone yet): keep it.
            } catch (IOException e) {
                // Cosmetic: an empty folder left behind.
            }
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (NoSuchFileException | DirectoryNotEmptyException e) {
            // gone already, or not ours to empty
        } catch (IOException e) {
            // best effort while undoing
        }
    }
}
