package io.swarmplace.node.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLogFileTest {

    @TempDir
    Path directory;

    @Test
    void rotatesAtTheSizeLimitAndKeepsOnlyTheNewestOldFiles() throws Exception {
        Path log = directory.resolve("log/node.log");
        try (RotatingLogFile file = new RotatingLogFile(log, 10, 2)) {
            for (int i = 1; i <= 5; i++) {
                file.append("line " + i + "....\n"); // 11 bytes: every line fills a file
            }
        }
        assertThat(log).hasContent("");
        assertThat(directory.resolve("log/node.log.1")).hasContent("line 5....");
        assertThat(directory.resolve("log/node.log.2")).hasContent("line 4....");
        assertThat(directory.resolve("log/node.log.3")).doesNotExist();
    }

    @Test
    void appendsToWhatAnEarlierRunWroteAndCountsItsSize() throws Exception {
        Path log = directory.resolve("node.log");
        Files.writeString(log, "from the last run\n");
        try (RotatingLogFile file = new RotatingLogFile(log, 30, 1)) {
            file.append("now\n");
            assertThat(log).hasContent("from the last run\nnow");
            file.append("and this crosses the limit\n");
        }
        assertThat(directory.resolve("node.log.1")).hasContent("from the last run\nnow\nand this crosses the limit");
        assertThat(log).hasContent("");
    }
}
