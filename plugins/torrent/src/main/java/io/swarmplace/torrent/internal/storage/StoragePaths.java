package io.swarmplace.torrent.internal.storage;

import io.swarmplace.torrent.metainfo.TorrentFile;
import io.swarmplace.torrent.metainfo.TorrentInfo;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where each file of a torrent lives below a download folder: {@code folder/<name>} for a single-file
 * torrent, {@code folder/<name>/<path...>} for a multi-file one. Every path is checked here again, even
 * though the metainfo parser checks names too, because a file written outside the folder could overwrite
 * anything the node can write. Padding files have no path: they are never on disk. Immutable.
 */
final class StoragePaths {

    private final Path folder;
    private final Path root;
    private final List<Path> files;

    private StoragePaths(Path folder, Path root, List<Path> files) {
        this.folder = folder;
        this.root = root;
        this.files = files;
    }

    /**
     * @throws StorageException PATH_OUTSIDE_FOLDER for a name that would leave the folder, PATH_CONFLICT
     *     when two files share a path or a file is where another file's folder must be
     */
    static StoragePaths resolve(TorrentInfo info, Path downloadFolder) {
        Path folder = downloadFolder.toAbsolutePath().normalize();
        checkComponent(info.name(), info.name(), folder);
        Path root = folder.resolve(info.name()).normalize();
        requireInside(folder, root, info.name(), folder);
        List<Path> files = new ArrayList<>(info.files().size());
        Map<Path, String> taken = new HashMap<>();
        for (TorrentFile file : info.files()) {
            if (file.padding()) {
                files.add(null);
                continue;
            }
            Path path;
            if (info.singleFile()) {
                path = root;
            } else {
                path = root;
                for (String component : file.path()) {
                    checkComponent(component, file.displayPath(), folder);
                    path = path.resolve(component);
                }
                path = path.normalize();
                requireInside(root, path, file.displayPath(), folder);
            }
            String other = taken.putIfAbsent(path, file.displayPath());
            if (other != null) {
                throw new StorageException(StorageException.Kind.PATH_CONFLICT,
                        "files \"" + other + "\" and \"" + file.displayPath() + "\" of torrent \"" + info.name()
                                + "\" would both be stored at " + path, path, null);
            }
            files.add(path);
        }
        for (Map.Entry<Path, String> entry : taken.entrySet()) {
            for (Path parent = entry.getKey().getParent(); parent != null && parent.startsWith(root);
                    parent = parent.getParent()) {
                String blocking = taken.get(parent);
                if (blocking != null) {
                    throw new StorageException(StorageException.Kind.PATH_CONFLICT,
                            "file \"" + blocking + "\" of torrent \"" + info.name() + "\" is where the folder of \""
                                    + entry.getValue() + "\" must be: " + parent, parent, null);
                }
            }
        }
        return new StoragePaths(folder, root, Collections.unmodifiableList(files));
    }

    Path folder() {
        return folder;
    }

    /** {@code folder/<name>}: the single file, or the root folder of a multi-file torrent. */
    Path root() {
        return root;
    }

    /** The path of file {@code index}; null for a padding file. */
    Path file(int index) {
        return files.get(index);
    }

    /**
     * The folders below the download folder that the torrent's files imply, deepest first: the ones
     * the storage may create, and so the ones it may remove again when they are empty.
     */
    List<Path> impliedFolders() {
        Set<Path> folders = new TreeSet<>(Collections.reverseOrder());
        for (Path path : files) {
            if (path == null) {
                continue;
            }
            for (Path parent = path.getParent(); parent != null && parent.startsWith(root);
                    parent = parent.getParent()) {
                folders.add(parent);
            }
        }
        // Reverse lexical order lists every folder before its parent.
        return List.copyOf(folders);
    }

    private static void checkComponent(String component, String displayPath, Path folder) {
        String problem = null;
        if (component.isEmpty()) {
            problem = "an empty path component";
        } else if (component.equals(".") || component.equals("..")) {
            problem = "the path component \"" + component + "\"";
        } else if (component.indexOf('/') >= 0 || component.indexOf('\\') >= 0) {
            problem = "a path separator inside the component \"" + component + "\"";
        } else if (component.indexOf('\0') >= 0) {
            problem = "a NUL character";
        }
        if (problem == null) {
            try {
                Path parsed = Path.of(component);
                // getRoot also catches Windows' drive-relative "C:name", which is not absolute.
                if (parsed.getRoot() != null || parsed.getNameCount() != 1) {
                    problem = "the component \"" + component + "\", which is not a plain name";
                }
            } catch (InvalidPathException e) {
                problem = "a name the file system cannot hold (" + e.getReason() + ")";
            }
        }
        if (problem != null) {
            throw new StorageException(StorageException.Kind.PATH_OUTSIDE_FOLDER,
                    "refusing to store \"" + displayPath + "\": it has " + problem
                            + ", which could place it outside the download folder " + folder, folder, null);
        }
    }

    private static void requireInside(Path parent, Path path, String displayPath, Path folder) {
        if (!path.startsWith(parent) || path.equals(parent)) {
            throw new StorageException(StorageException.Kind.PATH_OUTSIDE_FOLDER,
                    "refusing to store \"" + displayPath + "\" at " + path + ": it is outside the download folder "
                            + folder, path, null);
        }
    }
}
