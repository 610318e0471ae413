package io.swarmplace.testing.peers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmplace.testing.ExternalPart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real transmission-cli 3.00 seeding on 127.0.0.1:port as a passive peer: dial it (e.g.
 * {@link LibtorrentPeer#connectPeer}). It would never dial us: it treats 127.x peers from a tracker as
 * invalid. It gets its own config folder with a settings.json that turns off DHT, LPD, PEX, uTP, port
 * forwarding, RPC (whose fixed port 9091 would clash between instances), blocklists, queues and seeding
 * limits, and binds 127.0.0.1 and ::1 only.
 *
 * <p>Expect a wait of up to 10 seconds after connecting before data flows: transmission 3.00 decides whom
 * to unchoke only on a fixed 10-second timer (and moves data in 500 ms bandwidth pulses). Start it early,
 * e.g. in {@code @BeforeAll}, so that wait overlaps other work.
 */
public final class Transmission implements AutoCloseable {

    public static final Path TRANSMISSION_CLI = Path.of("/usr/bin/transmission-cli");
    public static final String NAME = "transmission-cli";
    public static final String HOW_TO_GET = "apt-get install transmission-cli";

    private static final Path STDBUF = Path.of("/usr/bin/stdbuf");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final ExternalProgram program;
    private final Path configDir;
    private final int port;

    private Transmission(ExternalProgram program, Path configDir, int port) {
        this.program = program;
        this.configDir = configDir;
        this.port = port;
    }

    /** True if transmission-cli runs (checked once per JVM). */
    public static boolean available() {
        return Probe.PRESENT;
    }

    /** Skips (or under SWARMPLACE_IT=required fails) the calling test if transmission-cli is missing. */
    public static void require() {
        ExternalPart.require(NAME, HOW_TO_GET, Transmission::available);
    }

    private static final class Probe {
        static final boolean PRESENT = ProgramProbe.runsSuccessfully(List.of(TRANSMISSION_CLI.toString(), "--version"));
    }

    /**
     * Seeds the data for {@code torrent} found in {@code dataDir} (the folder holding the torrent's top-level
     * name) on 127.0.0.1:{@code port}. Transmission verifies the data first; this returns once it says
     * "Seeding" (it prints its state once a second), and fails if it cannot get there.
     */
    public static Transmission seed(Path torrent, Path dataDir, int port) {
        return seed(torrent, dataDir, port, List.of());
    }

    /** {@link #seed(Path, Path, int)} accepting MSE/PE-encrypted peers only ({@code -er}). */
    public static Transmission seedRequiringEncryption(Path torrent, Path dataDir, int port) {
        return seed(torrent, dataDir, port, List.of("-er"));
    }

    private static Transmission seed(Path torrent, Path dataDir, int port, List<String> options) {
        Path configDir;
        try {
            configDir = Files.createTempDirectory("swarmplace-transmission-");
            prepareConfig(configDir, dataDir, port);
        } catch (IOException e) {
            throw new PeerFixtureException("could not prepare a transmission config folder: " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(STDBUF)) {
            // transmission-cli prints its state with printf; into a pipe that sits in a 4 KiB buffer for
            // many seconds, so "Seeding" would show up late. stdbuf makes its stdout unbuffered.
            command.addAll(List.of(STDBUF.toString(), "-o0"));
        }
        command.addAll(List.of(TRANSMISSION_CLI.toString(), "-g", configDir.toString(), "-p", Integer.toString(port),
                "-M", "-D", "-U", "-w", dataDir.toAbsolutePath().toString()));
        command.addAll(options);
        command.add(torrent.toAbsolutePath().toString());
        Transmission seeder = new Transmission(ExternalProgram.start("transmission-" + port, command, configDir), configDir, port);
        try {
            // After checking the data it prints "Seeding, ..." if all is there, "Progress: NN%, ..." if not.
            String state = seeder.program.awaitLine(line -> line.startsWith("Seeding") || line.startsWith("Progress:"),
                    READY_TIMEOUT, "whether it has all the data (Seeding or Progress)");
            if (!state.startsWith("Seeding")) {
                throw new PeerFixtureException("transmission-cli cannot seed " + torrent + ": the data in " + dataDir
                        + " is missing or does not match its piece hashes (" + state.trim() + ")" + seeder.program.describe());
            }
            return seeder;
        } catch (RuntimeException e) {
            seeder.close();
            throw e;
        }
    }

    /** Writes settings.json and empties resume/ and torrents/, so nothing from an earlier run is picked up. */
    static void prepareConfig(Path configDir, Path dataDir, int port) throws IOException {
        for (String leftovers : List.of("resume", "torrents")) {
            deleteTree(configDir.resolve(leftovers));
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode settings = json.createObjectNode()
                .put("dht-enabled", false)
                .put("lpd-enabled", false)
                .put("pex-enabled", false)
                .put("utp-enabled", false)
                .put("peer-port", port)
                .put("peer-port-random-on-start", false)
                .put("port-forwarding-enabled", false)
                .put("bind-address-ipv4", "127.0.0.1")
                .put("bind-address-ipv6", "::1")
                .put("rpc-enabled", false)
                .put("blocklist-enabled", false)
                .put("ratio-limit-enabled", false)
                .put("idle-seeding-limit-enabled", false)
                .put("download-queue-enabled", false)
                .put("seed-queue-enabled", false)
                .put("queue-stalled-enabled", false)
                .put("speed-limit-up-enabled", false)
                .put("speed-limit-down-enabled", false)
                .put("alt-speed-enabled", false)
                .put("incomplete-dir-enabled", false)
                .put("watch-dir-enabled", false)
                .put("start-added-torrents", true)
                .put("encryption", 1)
                .put("message-level", 2)
                .put("download-dir", dataDir.toAbsolutePath().toString());
        Files.writeString(configDir.resolve("settings.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(settings));
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return program.isAlive();
    }

    /** transmission-cli's last output lines, for assertion messages. */
    public String logTail() {
        return program.tail();
    }

    /** Stops transmission-cli and deletes its config folder. */
    @Override
    public void close() {
        program.close();
        try {
            deleteTree(configDir);
        } catch (IOException e) {
            // A leftover temp folder is harmless.
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
