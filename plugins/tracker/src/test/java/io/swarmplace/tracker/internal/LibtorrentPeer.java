package io.swarmplace.tracker.internal;

import io.swarmplace.testing.ExternalPart;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real libtorrent 2.0 peer on 127.0.0.1 that finds its swarm only through the tracker named in its
 * .torrent, run by {@code interop/libtorrent_tracker_peer.py} with Debian's /usr/bin/python3. A minimal
 * test-local driver: the shared io.swarmplace.testing.peers fixtures had not landed on main yet.
 */
final class LibtorrentPeer implements AutoCloseable {

    static final String PYTHON = "/usr/bin/python3";

    private final String name;
    private final Process process;
    private final Writer commands;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final int port;

    static void require() {
        ExternalPart.require("python3-libtorrent (libtorrent 2.0 bindings for " + PYTHON + ")",
                "apt-get install python3-libtorrent", () -> Tools.runs(PYTHON, "-c", "import libtorrent"));
    }

    /**
     * A seeder of the data in {@code dataDirectory}. It can scrape a tracker on loopback over HTTP only
     * with libtorrent's SSRF mitigation off, which allows requests to loopback trackers at /announce only.
     */
    static LibtorrentPeer seed(Path work, Path torrent, Path dataDirectory) throws IOException, InterruptedException {
        return new LibtorrentPeer("seeder", work, List.of("seed", torrent.toString(), dataDirectory.toString(), "loopback-scrape"));
    }

    /** A downloader into {@code saveDirectory}, with libtorrent's default SSRF mitigation. */
    static LibtorrentPeer download(Path work, Path torrent, Path saveDirectory) throws IOException, InterruptedException {
        Files.createDirectories(saveDirectory);
        return new LibtorrentPeer("downloader", work, List.of("download", torrent.toString(), saveDirectory.toString()));
    }

    private LibtorrentPeer(String name, Path work, List<String> arguments) throws IOException, InterruptedException {
        this.name = name;
        Path script = work.resolve("libtorrent_tracker_peer.py");
        try (InputStream in = LibtorrentPeer.class.getResourceAsStream("/interop/libtorrent_tracker_peer.py")) {
            if (in == null) {
                throw new IllegalStateException("test resource interop/libtorrent_tracker_peer.py is missing");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        stderr = work.resolve(name + ".stderr");
        List<String> command = new java.util.ArrayList<>(List.of(PYTHON, script.toString()));
        command.addAll(arguments);
        process = new ProcessBuilder(command)
                .redirectError(stderr.toFile())
                .start();
        commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readLines, "libtorrent-" + name + "-stdout");
        reader.setDaemon(true);
        reader.start();
        port = Integer.parseInt(await(line -> line.startsWith("port\t"), Duration.ofSeconds(60)).split("\t")[1]);
    }

    int port() {
        return port;
    }

    /** The first line (from now on, or already received and not yet taken) that matches, or an AssertionError. */
    String await(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("libtorrent " + name + " did not report what was awaited within " + timeout
                        + "; it said " + seen + (process.isAlive() ? "" : " and exited with " + process.exitValue())
                        + "; stderr: " + stderrText());
            }
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** Asks libtorrent to scrape the tracker; the answer is a "scrape" or "scrape_failed" line. */
    void scrape() throws IOException {
        commands.write("scrape\n");
        commands.flush();
    }

    private void readLines() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                seen.add(line);
                lines.add(line);
            }
        } catch (IOException closed) {
            // the process ended; await() reports it
        }
    }

    private String stderrText() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            commands.close();
        } catch (IOException alreadyGone) {
            // the process may have exited
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
