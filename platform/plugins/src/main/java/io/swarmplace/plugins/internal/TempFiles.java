package io.swarmplace.plugins.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Downloads of one operation, deleted when it ends whether it succeeded or not. */
final class TempFiles implements AutoCloseable {

    private final List<Path> files = new ArrayList<>();

    Path add(Path file) {
        files.add(file);
        return file;
    }

    @Override
    public void close() {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover in tmp/ is harmless and is overwritten by name never
            }
        }
    }
}
