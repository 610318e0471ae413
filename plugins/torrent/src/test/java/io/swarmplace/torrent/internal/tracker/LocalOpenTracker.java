package io.swarmplace.torrent.internal.tracker;

import io.swarmplace.testing.ExternalPart;
import io.swarmplace.torrent.metainfo.InfoHash;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A fresh opentracker on 127.0.0.1 (HTTP and UDP on one port) for one test class. Test-local until the
 * shared fixture (io.swarmplace.testing.peers.OpenTracker) lands on main.
 *
 * <p>Debian's build is whitelist-only: the hashes are written to the file named by access.whitelist.
 * Started as root (CI) it chroots to tracker.rootdir and switches to tracker.user, so the directory and
 * files are made readable by "nobody"; started as a normal user both steps fail harmlessly and it runs
 * as that user in the same directory.
 */
final class LocalOpenTracker implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/opentracker");
    private static final int ATTEMPTS = 5;

    private final Process process;
    private final Path directory;
    private final int port;

    private LocalOpenTracker(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    static void requireInstalled() {
        ExternalPart.require("opentracker", "apt-get install opentracker",
                () -> Files.isExecutable(BINARY));
    }

    /** Starts one that serves exactly these info-hashes. */
    static LocalOpenTracker start(Collection<InfoHash> whitelist) throws IOException, InterruptedException {
        requireInstalled();
        Path directory = Files.createTempDirectory("opentracker-");
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path whitelistFile = directory.resolve("whitelist");
        Files.writeString(whitelistFile, whitelist.stream().map(InfoHash::hex).collect(Collectors.joining("\n", "", "\n")),
                StandardCharsets.US_ASCII);
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = freeTcpAndUdpPort();
            Path config = directory.resolve("opentracker.conf");
            Files.writeString(config, String.join("\n",
                    "listen.tcp_udp 127.0.0.1:" + port,
                    "access.whitelist " + whitelistFile.getFileName(),
                    "tracker.rootdir " + directory,
                    "tracker.user nobody",
                    ""), StandardCharsets.US_ASCII);
            for (Path file : new Path[] {whitelistFile, config}) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Process process = new ProcessBuilder(BINARY.toString(), "-f", config.toString())
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("opentracker.log").toFile())
                    .start();
            if (awaitListening(process, port)) {
                return new LocalOpenTracker(process, directory, port);
            }
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            last = new IOException("opentracker did not listen on 127.0.0.1:" + port + "; its log: "
                    + Files.readString(directory.resolve("opentracker.log")));
        }
        deleteTree(directory);
        throw last;
    }

    int port() {
        return port;
    }

    URI httpAnnounce() {
        return URI.create("http://127.0.0.1:" + port + "/announce");
    }

    URI udpAnnounce() {
        return URI.create("udp://127.0.0.1:" + port + "/announce");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        deleteTree(directory);
    }

    private static boolean awaitListening(Process process, int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        return false;
    }

    /** A port free for TCP and UDP at this moment; another process may still take it, hence the retries. */
    private static int freeTcpAndUdpPort() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                    return port;
                } catch (IOException udpTaken) {
                    // try another
                }
            }
        }
        throw new IOException("found no port free for both TCP and UDP on 127.0.0.1");
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
