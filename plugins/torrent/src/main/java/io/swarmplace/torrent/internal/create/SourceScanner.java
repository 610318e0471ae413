package io.swarmplace.torrent.internal.create;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the files of a torrent. A file is a torrent of that one file; a folder is a torrent of every
 * regular file below it. Symbolic links inside the folder are not followed and not included (a link could
 * point outside the folder or back into it), nor are sockets, pipes and devices; the source itself may be
 * a link. Files are ordered by path, component by component, comparing the UTF-8 bytes, so the same
 * folder gives the same torrent on every machine.
 */
final class SourceScanner {

    static final Comparator<List<String>> PATH_ORDER = SourceScanner::comparePaths;

    /** What was found: one file (a single-file torrent) or the files of a folder, in torrent order. */
    record Scan(boolean singleFile, List<SourceFile> files) {}

    private SourceScanner() {}

    static Scan scan(Path source) throws TorrentCreationException {
        if (!Files.exists(source)) {
            throw new TorrentCreationException("cannot make a torrent of " + source + ": it does not exist");
        }
        if (source.getFileName() == null) {
            throw new TorrentCreationException("cannot make a torrent of " + source + ": it has no name");
        }
        try {
            if (Files.isRegularFile(source)) {
                requireReadable(source);
                // Hashing opens files without following links; the source itself may be one.
                return new Scan(true, List.of(
                        new SourceFile(source.toRealPath(), List.of(source.getFileName().toString()), Files.size(source))));
            }
            if (!Files.isDirectory(source)) {
                throw new TorrentCreationException(
                        "cannot make a torrent of " + source + ": it is neither a regular file nor a folder");
            }
            List<SourceFile> files = walk(source);
            if (files.isEmpty()) {
                throw new TorrentCreationException(
                        "cannot make a torrent of the folder " + source + ": it contains no regular files");
            }
            files.sort(Comparator.comparing(SourceFile::components, PATH_ORDER));
            return new Scan(false, files);
        } catch (IOException e) {
            throw new TorrentCreationException("cannot read " + describe(e), e);
        }
    }

    private static List<SourceFile> walk(Path root) throws IOException, TorrentCreationException {
        List<SourceFile> files = new ArrayList<>();
        List<Path> unreadable = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    if (!Files.isReadable(file)) {
                        unreadable.add(file);
                    }
                    List<String> components = new ArrayList<>();
                    root.relativize(file).forEach(part -> components.add(part.toString()));
                    files.add(new SourceFile(file, components, attributes.size()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                throw failure;
            }
        });
        if (!unreadable.isEmpty()) {
            throw new TorrentCreationException("cannot read " + unreadable.get(0) + ": permission denied"
                    + (unreadable.size() > 1 ? " (and " + (unreadable.size() - 1) + " more files)" : ""));
        }
        return files;
    }

    private static void requireReadable(Path file) throws TorrentCreationException {
        if (!Files.isReadable(file)) {
            throw new TorrentCreationException("cannot read " + file + ": permission denied");
        }
    }

    static String describe(IOException e) {
        if (e instanceof NoSuchFileException missing) {
            return missing.getFile() + ": it no longer exists";
        }
        if (e instanceof java.nio.file.AccessDeniedException denied) {
            return denied.getFile() + ": permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fileSystem && fileSystem.getFile() != null) {
            return fileSystem.getFile() + ": " + (fileSystem.getReason() == null ? e.toString() : fileSystem.getReason());
        }
        return String.valueOf(e.getMessage());
    }

    private static int comparePaths(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int order = Arrays.compareUnsigned(utf8(a.get(i)), utf8(b.get(i)));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
