package io.swarmplace.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;

/** Content for transfer tests: seeded random files, and byte-for-byte comparison of two trees. */
public final class TestFiles {

    private TestFiles() {}

    /** Writes {@code size} seeded random bytes to {@code file}, creating its folders. */
    public static Path writeRandom(Path file, int size, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Files.write(file, bytes);
    }

    /** Every regular file under {@code expectedRoot} exists under {@code actualRoot} with the same bytes. */
    public static void assertSameFiles(Path expectedRoot, Path actualRoot) throws IOException {
        try (Stream<Path> files = Files.walk(expectedRoot)) {
            for (Path expected : files.filter(Files::isRegularFile).toList()) {
                Path actual = actualRoot.resolve(expectedRoot.relativize(expected).toString());
                Assertions.assertTrue(Files.isRegularFile(actual), "missing " + actual);
                Assertions.assertEquals(-1L, Files.mismatch(expected, actual), "first differing byte of " + actual);
            }
        }
    }
}
