package io.swarmplace.testing.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wrong inputs to the program fixtures fail at once with a message that says what is wrong. */
class FixtureFailuresTest {

    @TempDir
    Path work;

    private Path content;

    @BeforeEach
    void content() throws Exception {
        content = SampleContent.write(work.resolve("data"), "content", 7);
    }

    @Test
    void mktorrentRefusesToOverwriteAndRejectsOddPieceSizes() throws Exception {
        Mktorrent.require();
        Path out = Files.writeString(work.resolve("exists.torrent"), "keep me");

        assertThatThrownBy(() -> Mktorrent.create(content, "http://127.0.0.1:1/announce", 18, out))
                .isInstanceOf(PeerFixtureException.class).hasMessageContaining("will not overwrite");
        assertThat(Files.readString(out)).isEqualTo("keep me");
        assertThatThrownBy(() -> Mktorrent.create(content, (String) null, 14, work.resolve("small.torrent")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 14");
    }

    @Test
    void mktorrentOnMissingContentQuotesItsError() {
        Mktorrent.require();

        assertThatThrownBy(() -> Mktorrent.create(work.resolve("nothing-here"), List.of(), 18, work.resolve("x.torrent")))
                .isInstanceOf(PeerFixtureException.class)
                .hasMessageContaining("mktorrent failed")
                .hasMessageContaining("nothing-here");
    }

    @Test
    void aria2RefusesToSeedDataThatDoesNotMatchTheTorrent() throws Exception {
        Aria2.require();
        Mktorrent.require();
        Path torrent = Mktorrent.create(content, List.of(), 16, work.resolve("c.torrent"));
        damage(content.resolve("docs/deep/b.bin"));

        assertThatThrownBy(() -> Aria2.seed(torrent, content.getParent(), FreePorts.loopbackPort()).close())
                .isInstanceOf(PeerFixtureException.class)
                .hasMessageContaining("does not match its piece hashes");
    }

    @Test
    void transmissionRefusesToSeedDataThatDoesNotMatchTheTorrent() throws Exception {
        Transmission.require();
        Mktorrent.require();
        Path torrent = Mktorrent.create(content, List.of(), 16, work.resolve("c.torrent"));
        damage(content.resolve("a.bin"));

        assertThatThrownBy(() -> Transmission.seed(torrent, content.getParent(), FreePorts.loopbackPort()).close())
                .isInstanceOf(PeerFixtureException.class)
                .hasMessageContaining("does not match its piece hashes")
                .hasMessageContaining("Progress:");
    }

    @Test
    void aria2ThatCannotFinishIsReportedWithItsOutput() throws Exception {
        Aria2.require();
        Mktorrent.require();
        Path torrent = Mktorrent.create(content, List.of(), 16, work.resolve("c.torrent"));

        try (Aria2 lonely = Aria2.download(torrent, work.resolve("get"), FreePorts.loopbackPort())) {
            assertThatThrownBy(() -> lonely.awaitSuccess(Duration.ofMillis(500)))
                    .isInstanceOf(PeerTimeoutException.class)
                    .hasMessageContaining("still running after PT0.5S")
                    .hasMessageContaining("--listen-port=" + lonely.port());
        }
    }

    private static void damage(Path file) throws Exception {
        try (RandomAccessFile data = new RandomAccessFile(file.toFile(), "rw")) {
            data.seek(1000);
            int original = data.read();
            data.seek(1000);
            data.write(original ^ 0xff);
        }
    }
}
