package io.swarmplace.testing.peers;

import io.swarmplace.testing.ExternalPart;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real aria2c 1.36 on 127.0.0.1: a seeder that stays until closed, or a downloader that exits 0 once its
 * download is complete and checked (--seed-time=0). It finds peers through the torrent's trackers or
 * accepts connections on its port; with DHT, LPD and PEX off nothing leaves the machine. aria2c is told to
 * stop if this JVM dies (--stop-with-process).
 *
 * <p>aria2c speaks to UDP trackers only with DHT on ("udp is not supported yet" otherwise), so give it HTTP
 * trackers. It also checks on a one-second tick: a small download takes about 3 s from start to exit.
 */
public final class Aria2 implements AutoCloseable {

    public static final Path ARIA2C = Path.of("/usr/bin/aria2c");
    public static final String NAME = "aria2c";
    public static final String HOW_TO_GET = "apt-get install aria2";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final String VERIFIED = "Verification finished successfully";
    private static final String CHECKSUM_ERROR = "Checksum error detected";

    private final ExternalProgram program;
    private final int port;

    private Aria2(ExternalProgram program, int port) {
        this.program = program;
        this.port = port;
    }

    /** True if aria2c runs (checked once per JVM). */
    public static boolean available() {
        return Probe.PRESENT;
    }

    /** Skips (or under SWARMPLACE_IT=required fails) the calling test if aria2c is missing. */
    public static void require() {
        ExternalPart.require(NAME, HOW_TO_GET, Aria2::available);
    }

    private static final class Probe {
        static final boolean PRESENT = ProgramProbe.runsSuccessfully(List.of(ARIA2C.toString(), "--version"));
    }

    /**
     * Seeds the data for {@code torrent} found in {@code dataDir} (the folder holding the torrent's top-level
     * name) on 127.0.0.1:{@code port}, with no ratio or time limit. aria2c first checks every piece
     * (--check-integrity), so data that does not match the torrent fails here rather than mid-transfer.
     * Returns once aria2c has verified the data and listens.
     */
    public static Aria2 seed(Path torrent, Path dataDir, int port) {
        return seed(torrent, dataDir, port, List.of());
    }

    /** {@link #seed(Path, Path, int)} with more aria2c options (e.g. --bt-require-crypto=true). */
    public static Aria2 seed(Path torrent, Path dataDir, int port, List<String> options) {
        List<String> command = loopbackCommand(dataDir, port);
        command.addAll(options);
        command.addAll(List.of("--seed-ratio=0.0", "--check-integrity=true", torrent.toAbsolutePath().toString()));
        Aria2 seeder = new Aria2(ExternalProgram.start("aria2c-seed-" + port, command, null), port);
        try {
            String verdict = seeder.program.awaitLine(line -> line.contains(VERIFIED) || line.contains(CHECKSUM_ERROR),
                    READY_TIMEOUT, "the result of checking the data in " + dataDir);
            if (verdict.contains(CHECKSUM_ERROR)) {
                throw new PeerFixtureException("aria2c cannot seed " + torrent + ": the data in " + dataDir
                        + " does not match its piece hashes" + seeder.program.describe());
            }
            seeder.program.awaitLine(line -> line.contains("listening on TCP port " + port), READY_TIMEOUT,
                    "that it listens on port " + port);
            return seeder;
        } catch (RuntimeException e) {
            seeder.close();
            throw e;
        }
    }

    /** Downloads {@code torrent} into {@code dir} and exits when done; see {@link #awaitSuccess}. */
    public static Aria2 download(Path torrent, Path dir, int port) {
        return download(torrent.toAbsolutePath().toString(), dir, port, List.of());
    }

    /** {@link #download(Path, Path, int)} with more aria2c options (e.g. --bt-require-crypto=true). */
    public static Aria2 download(Path torrent, Path dir, int port, List<String> options) {
        return download(torrent.toAbsolutePath().toString(), dir, port, options);
    }

    /** Downloads a magnet link (metadata from peers, BEP 9) into {@code dir} and exits when done. */
    public static Aria2 download(String magnetUri, Path dir, int port) {
        return download(magnetUri, dir, port, List.of());
    }

    private static Aria2 download(String source, Path dir, int port, List<String> options) {
        List<String> command = loopbackCommand(dir, port);
        command.addAll(options);
        command.addAll(List.of("--seed-time=0", "--bt-save-metadata=false", source));
        return new Aria2(ExternalProgram.start("aria2c-get-" + port, command, null), port);
    }

    private static List<String> loopbackCommand(Path dir, int port) {
        return new ArrayList<>(List.of(ARIA2C.toString(),
                "--no-conf=true",
                "--interface=127.0.0.1",
                "--listen-port=" + port,
                "--enable-dht=false",
                "--enable-dht6=false",
                "--bt-enable-lpd=false",
                "--enable-peer-exchange=false",
                "--file-allocation=none",
                "--disable-ipv6=true",
                "--dir=" + dir.toAbsolutePath(),
                "--auto-file-renaming=false",
                "--summary-interval=0",
                "--show-console-readout=false",
                "--console-log-level=notice",
                "--enable-color=false",
                "--stop-with-process=" + ProcessHandle.current().pid()));
    }

    public int port() {
        return port;
    }

    /** Waits for aria2c to exit by itself and returns its exit code (0: download complete). */
    public int awaitExit(Duration timeout) {
        return program.awaitExit(timeout);
    }

    /** Waits for aria2c to exit and fails unless it says the download is complete (exit code 0). */
    public void awaitSuccess(Duration timeout) {
        int exit = awaitExit(timeout);
        if (exit != 0) {
            throw new PeerFixtureException("aria2c exited with code " + exit + " (see 'EXIT STATUS' in man aria2c)" + program.describe());
        }
    }

    public boolean isAlive() {
        return program.isAlive();
    }

    /** aria2c's last output lines, for assertion messages. */
    public String logTail() {
        return program.tail();
    }

    /** Stops aria2c (SIGTERM, then SIGKILL after a grace period). */
    @Override
    public void close() {
        program.close();
    }
}
