package io.swarmplace.testing.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Small multi-file torrent content from a seeded Random, and a byte-for-byte comparison of two copies. */
final class SampleContent {

    private SampleContent() {}

    /**
     * Writes folder {@code name} under {@code parent}: five files in nested folders, sized so that pieces
     * span file boundaries (one is 7 bytes), about 3.5 MiB in all.
     */
    static Path write(Path parent, String name, long seed) throws IOException {
        Random random = new Random(seed);
        Path root = parent.resolve(name);
        write(root.resolve("a.bin"), 1_500_000 + random.nextInt(1000), random);
        write(root.resolve("docs/readme.txt"), 1_234, random);
        write(root.resolve("docs/deep/b.bin"), 1_048_576, random);
        write(root.resolve("z-last.dat"), 900_001 + random.nextInt(1000), random);
        write(root.resolve("tiny"), 7, random);
        return root;
    }

    private static void write(Path file, int size, Random random) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        Files.write(file, bytes);
    }

    static long size(Path root) throws IOException {
        long total = 0;
        for (Path file : files(root)) {
            total += Files.size(root.resolve(file));
        }
        return total;
    }

    /** Every file under {@code expected} exists under {@code actual} with the same bytes, and nothing else does. */
    static void assertSameFiles(Path expected, Path actual) throws IOException {
        assertThat(files(actual)).as("files under %s", actual).containsExactlyElementsOf(files(expected));
        for (Path file : files(expected)) {
            assertThat(Files.mismatch(expected.resolve(file), actual.resolve(file)))
                    .as("first differing byte of %s (-1: identical)", file).isEqualTo(-1L);
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
