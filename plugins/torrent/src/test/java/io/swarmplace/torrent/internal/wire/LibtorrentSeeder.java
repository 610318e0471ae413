package io.swarmplace.torrent.internal.wire;

import io.swarmplace.testing.ExternalPart;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real libtorrent 2.0 seeder on 127.0.0.1, run by the test-local driver
 * {@code wire/libtorrent_peer.py} with Debian's /usr/bin/python3 (the only interpreter that has the
 * libtorrent bindings). It seeds two torrents, "main" and "foreign", and dials us on request.
 */
final class LibtorrentSeeder implements AutoCloseable {

    static final String PYTHON = "/usr/bin/python3";
    private static final long STARTUP_SECONDS = 60;
    private static final long ANSWER_SECONDS = 10;

    /** Where a seeded torrent's .torrent file and its one data file are. */
    record Seeded(Path torrentFile, Path dataFile) {}

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path stderr;
    private final int port;
    private final Map<String, Seeded> torrents = new HashMap<>();

    /** Skips (or fails under SWARMPLACE_IT=required) when python3-libtorrent is missing. */
    static void require() {
        ExternalPart.require("python3-libtorrent (libtorrent 2.0 bindings for " + PYTHON + ")",
                "apt-get install python3-libtorrent", LibtorrentSeeder::importsLibtorrent);
    }

    private static boolean importsLibtorrent() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        try {
            Process check = new ProcessBuilder(PYTHON, "-c", "import libtorrent").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!check.waitFor(30, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                return false;
            }
            return check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    LibtorrentSeeder(Path workDirectory) throws IOException, InterruptedException {
        Path script = workDirectory.resolve("libtorrent_peer.py");
        try (InputStream in = LibtorrentSeeder.class.getResourceAsStream("/wire/libtorrent_peer.py")) {
            if (in == null) {
                throw new IllegalStateException("test resource wire/libtorrent_peer.py is missing");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path data = Files.createDirectories(workDirectory.resolve("libtorrent"));
        stderr = workDirectory.resolve("libtorrent.stderr");
        process = new ProcessBuilder(PYTHON, script.toString(), data.toString())
                .redirectError(stderr.toFile())
                .start();
        commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readLines, "libtorrent-driver-stdout");
        reader.setDaemon(true);
        reader.start();

        int listenPort = -1;
        for (String line; !(line = nextLine(STARTUP_SECONDS)).equals("ready"); ) {
            String[] fields = line.split("\t");
            if (fields[0].equals("port")) {
                listenPort = Integer.parseInt(fields[1]);
            } else if (fields.length == 3) {
                torrents.put(fields[0], new Seeded(Path.of(fields[1]), Path.of(fields[2])));
            }
        }
        port = listenPort;
    }

    int port() {
        return port;
    }

    Seeded torrent(String name) {
        return torrents.get(name);
    }

    /** Makes libtorrent dial 127.0.0.1:{@code ourPort} for torrent {@code name}. */
    void connectTo(String name, int ourPort) throws IOException, InterruptedException {
        commands.write("connect " + name + " " + ourPort + "\n");
        commands.flush();
        String answer = nextLine(ANSWER_SECONDS);
        if (!answer.equals("ok")) {
            throw new IllegalStateException("libtorrent driver: " + answer);
        }
    }

    private void readLines() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("error reading the driver: " + e);
        }
        lines.add("error the driver exited");
    }

    private String nextLine(long seconds) throws InterruptedException {
        String line = lines.poll(seconds, TimeUnit.SECONDS);
        if (line == null || line.startsWith("error")) {
            throw new IllegalStateException("libtorrent driver: " + (line == null ? "no answer within " + seconds + " s" : line)
                    + "; its stderr: " + stderrText());
        }
        return line;
    }

    private String stderrText() {
        try {
            return Files.exists(stderr) ? Files.readString(stderr) : "(none)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            commands.write("quit\n");
            commands.close();
        } catch (IOException alreadyGone) {
            // the process has exited; nothing to tell it
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
