package io.swarmplace.torrent.internal.create;

import java.nio.file.Path;
import java.util.List;

/**
 * A regular file to put into a torrent.
 *
 * @param path where it is on disk
 * @param components its path below the torrent's root folder (its own name for a single-file torrent)
 * @param length its size when the folder was scanned
 */
record SourceFile(Path path, List<String> components, long length) {

    SourceFile {
        components = List.copyOf(components);
    }
}
