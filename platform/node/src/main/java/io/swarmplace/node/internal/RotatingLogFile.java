package io.swarmplace.node.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An append-only text file that moves itself aside when it reaches a size: {@code name.1} is the
 * newest old file, {@code name.<keep>} the oldest kept; older ones are dropped.
 */
final class RotatingLogFile implements AutoCloseable {

    private final Path file;
    private final long maxBytes;
    private final int keepFiles;
    private Writer writer;
    private long size;

    RotatingLogFile(Path file, long maxBytes, int keepFiles) throws IOException {
        if (maxBytes < 1 || keepFiles < 1) {
            throw new IllegalArgumentException("a log file needs a positive size limit and keeps at least one old file");
        }
        this.file = file;
        this.maxBytes = maxBytes;
        this.keepFiles = keepFiles;
        Files.createDirectories(file.toAbsolutePath().getParent());
        open();
    }

    synchronized void append(String text) throws IOException {
        writer.write(text);
        writer.flush();
        size += text.getBytes(StandardCharsets.UTF_8).length;
        if (size >= maxBytes) {
            rotate();
        }
    }

    private void rotate() throws IOException {
        writer.close();
        Files.deleteIfExists(numbered(keepFiles));
        for (int i = keepFiles - 1; i >= 1; i--) {
            if (Files.exists(numbered(i))) {
                Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    private Path numbered(int generation) {
        return file.resolveSibling(file.getFileName() + "." + generation);
    }

    private void open() throws IOException {
        writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }
}
