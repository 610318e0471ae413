package io.swarmplace.testing.peers;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmplace.testing.ExternalPart;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real libtorrent (rasterbar 2.0.8) peer on 127.0.0.1, driven through Debian's python3-libtorrent: a
 * small Python driver (shipped as a resource) reads one JSON command per line and answers one JSON line.
 *
 * <p>Typical use:
 * <pre>{@code
 * LibtorrentPeer.require();
 * try (LibtorrentPeer seeder = LibtorrentPeer.started(FreePorts.loopbackPort(), Options.fastSeeder())) {
 *     String hex = seeder.addTorrent(torrent, dataDir, true);
 *     ...
 * }
 * }</pre>
 * The session is set up for loopback tests (see /work/shared/notes/interop.md): it listens on
 * 127.0.0.1:port only and fails if it cannot (no silent move to port+1), dials out from 127.0.0.1, runs
 * without DHT/LSD/UPnP/NAT-PMP unless asked, allows many connections from one IP, and uses TCP only (uTP
 * on loopback is 20-50 times slower). Torrents are added without auto-management, so they start at once
 * and stay as told. Every call is bounded; a driver that does not answer is killed.
 */
public final class LibtorrentPeer implements AutoCloseable {

    public static final Path PYTHON = Path.of("/usr/bin/python3");
    public static final String NAME = "libtorrent 2.x for /usr/bin/python3 (python3-libtorrent)";
    public static final String HOW_TO_GET = "apt-get install python3-libtorrent";

    private static final String DRIVER_RESOURCE = "libtorrent_driver.py";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final String END_OF_OUTPUT = "\u0000end";

    /** Session options; {@link #defaults()} is a plain loopback peer. */
    public record Options(boolean highPerformanceSeed, boolean dht, Map<String, Object> extraSettings) {

        public Options {
            extraSettings = Map.copyOf(extraSettings);
        }

        /** libtorrent's default settings plus the loopback ones. */
        public static Options defaults() {
            return new Options(false, false, Map.of());
        }

        /** lt.high_performance_seed() plus the loopback ones: the fastest seeder libtorrent offers. */
        public static Options fastSeeder() {
            return new Options(true, false, Map.of());
        }

        /**
         * With DHT on, listening on the peer's UDP port, with no bootstrap routers (nothing leaves the
         * machine: add nodes with {@link LibtorrentPeer#addDhtNode}) and with dht_restrict_routing_ips /
         * dht_restrict_search_ips off so several nodes on 127.0.0.1 can know each other.
         */
        public Options withDht() {
            return new Options(highPerformanceSeed, true, extraSettings);
        }

        /**
         * Plaintext BitTorrent only, in and out (in/out_enc_policy pe_disabled): for tests of our own
         * handshake and messages, which an encrypted (MSE) handshake would hide.
         */
        public Options plaintextOnly() {
            return with("out_enc_policy", PE_DISABLED).with("in_enc_policy", PE_DISABLED);
        }

        /**
         * MSE/PE required in and out, with RC4 for the whole stream (pe_forced, allowed_enc_level pe_rc4,
         * prefer_rc4): plaintext peers are refused.
         */
        public Options rc4Forced() {
            return with("out_enc_policy", PE_FORCED).with("in_enc_policy", PE_FORCED)
                    .with("allowed_enc_level", PE_RC4).with("prefer_rc4", true);
        }

        /**
         * Without libtorrent's SSRF mitigation, which lets it talk HTTP to a tracker on loopback only at a path
         * ending in /announce, so it never scrapes such a tracker (/scrape). Needed by {@link #scrape}
         * against an HTTP tracker on 127.0.0.1.
         */
        public Options withoutSsrfMitigation() {
            return with("ssrf_mitigation", false);
        }

        /** Any other libtorrent settings_pack entry, applied last (e.g. "upload_rate_limit", 1_000_000). */
        public Options with(String setting, Object value) {
            Map<String, Object> settings = new java.util.LinkedHashMap<>(extraSettings);
            settings.put(setting, value);
            return new Options(highPerformanceSeed, dht, settings);
        }
    }

    /** libtorrent's enc_policy value for "encrypt only, refuse plaintext peers". */
    private static final int PE_FORCED = 0;
    /** libtorrent's enc_policy value for "never encrypt, refuse encrypted peers". */
    private static final int PE_DISABLED = 2;
    /** libtorrent's allowed_enc_level value for "RC4 on the whole stream". */
    private static final int PE_RC4 = 2;

    /**
     * One connected peer as libtorrent sees it; bytes are payload and protocol since the connection began.
     * {@code downloadQueue} is how many of libtorrent's requests to it are outstanding, {@code downRate}
     * bytes/s from it.
     */
    public record PeerInfo(String ip, int port, String client, long upBytes, long downBytes, boolean seed,
            int downloadQueue, long downRate) {}

    /**
     * A torrent's state as libtorrent reports it. {@code state} is libtorrent's name (checking_files,
     * downloading_metadata, downloading, finished, seeding, ...); totals are payload bytes this session;
     * {@code numPieces} is how many pieces it has (and has checked).
     */
    public record TorrentStatus(String state, double progress, long totalDone, long totalWanted, long totalUpload,
            long totalDownload, int numPeers, int numPieces, boolean hasMetadata, boolean isFinished, boolean isSeeding,
            boolean paused, String torrentError, List<PeerInfo> peers) {

        public TorrentStatus {
            peers = List.copyOf(peers);
        }

        /** True once the data on disk has been checked (the state is no longer checking_resume_data or checking_files). */
        public boolean isChecked() {
            return !state.startsWith("checking");
        }
    }

    /** One announce as libtorrent reported it: how many peers the tracker returned, or why it failed. */
    public record Announce(String trackerUrl, int peers, String error) {

        public boolean succeeded() {
            return error.isEmpty();
        }
    }

    /** A tracker's scrape answer for one torrent (libtorrent's bindings do not pass on "downloaded"). */
    public record Scrape(int complete, int incomplete) {}

    /** A .torrent file as libtorrent reads it: its v1 info-hash, files (padding files marked) and pieces. */
    public record TorrentView(String infoHash, List<FileEntry> files, int pieces, int pieceLength, boolean privateTorrent) {

        public TorrentView {
            files = List.copyOf(files);
        }
    }

    /** One file of a torrent as libtorrent lists it: the path starts with the torrent's name in a multi-file torrent. */
    public record FileEntry(String path, long size, boolean padding) {}

    private final String name;
    private final Path driver;
    private final ExternalProgram program;
    private final OutputStream commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private int port;
    private boolean broken;

    private LibtorrentPeer(String name) {
        this.name = name;
        this.driver = extractDriver();
        try {
            this.program = ExternalProgram.start(name, List.of(PYTHON.toString(), "-u", driver.toString()), null, false);
        } catch (RuntimeException e) {
            deleteQuietly(driver);
            throw e;
        }
        this.commands = program.stdin();
        Thread reader = new Thread(() -> readReplies(program.stdout()), "replies-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * A driver process without a session yet: enough for {@link #infoHashOf} and {@link #createTorrent};
     * call {@link #start} to make it a peer.
     */
    public static LibtorrentPeer launch(String name) {
        return new LibtorrentPeer(name);
    }

    /** A peer listening on 127.0.0.1:{@code port}, named after the port in logs. */
    public static LibtorrentPeer started(int port, Options options) {
        LibtorrentPeer peer = new LibtorrentPeer("libtorrent-" + port);
        try {
            peer.start(port, options);
            return peer;
        } catch (RuntimeException e) {
            peer.close();
            throw e;
        }
    }

    /** True if /usr/bin/python3 can import libtorrent (checked once per JVM). */
    public static boolean available() {
        return Probe.PRESENT;
    }

    /** Skips (or under SWARMPLACE_IT=required fails) the calling test if libtorrent is missing. */
    public static void require() {
        ExternalPart.require(NAME, HOW_TO_GET, LibtorrentPeer::available);
    }

    private static final class Probe {
        static final boolean PRESENT = ProgramProbe.runsSuccessfully(List.of(PYTHON.toString(), "-c", "import libtorrent"));
    }

    /**
     * Starts the session on 127.0.0.1:{@code port}. Fails with {@link PeerFixtureException} if libtorrent
     * cannot listen there (listen_failed_alert is fatal: the port is never silently changed).
     */
    public void start(int port, Options options) {
        ObjectNode command = command("start").put("port", port).put("fastSeeder", options.highPerformanceSeed()).put("dht", options.dht());
        command.set("settings", json.valueToTree(options.extraSettings()));
        call(command, COMMAND_TIMEOUT);
        this.port = port;
    }

    /** CPU time this peer's process has used so far, where the platform tells it (benchmarks report it). */
    public java.util.Optional<Duration> cpuTime() {
        return program.cpuTime();
    }

    /** The port this peer listens on (TCP, and UDP for DHT). */
    public int port() {
        if (port == 0) {
            throw new IllegalStateException(name + " has no session yet: call start(port, options)");
        }
        return port;
    }

    /**
     * Adds a .torrent; with {@code seedMode} libtorrent trusts the data in {@code saveDir} and hashes each
     * piece on first request instead of checking everything up front. Returns the v1 info-hash in hex.
     */
    public String addTorrent(Path torrentFile, Path saveDir, boolean seedMode) {
        return call(command("add").put("torrent", absolute(torrentFile)).put("saveDir", absolute(saveDir))
                .put("seedMode", seedMode), COMMAND_TIMEOUT).get("infoHash").asText();
    }

    /** Adds a magnet link (metadata then comes from peers, BEP 9). Returns the v1 info-hash in hex. */
    public String addMagnet(String uri, Path saveDir) {
        return call(command("add_magnet").put("uri", uri).put("saveDir", absolute(saveDir)), COMMAND_TIMEOUT)
                .get("infoHash").asText();
    }

    /** Dials {@code host:port} for this torrent (a peer that never learns of us from a tracker). */
    public void connectPeer(String infoHashHex, String host, int peerPort) {
        call(command("connect").put("infoHash", infoHashHex).put("host", host).put("port", peerPort), COMMAND_TIMEOUT);
    }

    public TorrentStatus status(String infoHashHex) {
        return read(call(command("status").put("infoHash", infoHashHex), COMMAND_TIMEOUT), TorrentStatus.class);
    }

    /** Waits until every wanted piece is downloaded and checked (finished or seeding). */
    public TorrentStatus awaitFinished(String infoHashHex, Duration timeout) {
        return await(infoHashHex, timeout, TorrentStatus::isFinished, "finished");
    }

    /** Waits until libtorrent has checked the data on disk, however much of it it found ({@link TorrentStatus#numPieces}). */
    public TorrentStatus awaitChecked(String infoHashHex, Duration timeout) {
        return await(infoHashHex, timeout, TorrentStatus::isChecked, "checked");
    }

    /** Waits until the torrent is complete and seeding (e.g. after its data was checked). */
    public TorrentStatus awaitSeeding(String infoHashHex, Duration timeout) {
        return await(infoHashHex, timeout, TorrentStatus::isSeeding, "seeding");
    }

    /** Polls {@link #status} until {@code condition} holds; fails early on a torrent error. */
    public TorrentStatus await(String infoHashHex, Duration timeout, Predicate<TorrentStatus> condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        TorrentStatus status = status(infoHashHex);
        while (!condition.test(status)) {
            if (!status.torrentError().isEmpty()) {
                throw new PeerFixtureException(name + ": torrent " + infoHashHex + " has an error while waiting for it to be "
                        + what + ": " + status.torrentError() + "\n  status: " + status + program.describe());
            }
            if (System.nanoTime() > deadline) {
                throw new PeerTimeoutException(name + ": torrent " + infoHashHex + " was not " + what + " within " + timeout
                        + "\n  last status: " + status + program.describe());
            }
            sleep(POLL);
            status = status(infoHashHex);
        }
        return status;
    }

    public void pause(String infoHashHex) {
        call(command("pause").put("infoHash", infoHashHex), COMMAND_TIMEOUT);
    }

    public void resume(String infoHashHex) {
        call(command("resume").put("infoHash", infoHashHex), COMMAND_TIMEOUT);
    }

    /** Every announce of this torrent so far, oldest first, as libtorrent reported them. */
    public List<Announce> announces(String infoHashHex) {
        return List.of(read(call(command("announces").put("infoHash", infoHashHex), COMMAND_TIMEOUT).get("announces"),
                Announce[].class));
    }

    /** Waits for this torrent's first successful announce (failed ones are skipped) and returns it. */
    public Announce awaitAnnounce(String infoHashHex, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Announce> announces = announces(infoHashHex);
        while (announces.stream().noneMatch(Announce::succeeded)) {
            if (System.nanoTime() > deadline) {
                throw new PeerTimeoutException(name + ": torrent " + infoHashHex + " had no successful announce within "
                        + timeout + "\n  announces: " + announces + program.describe());
            }
            sleep(POLL);
            announces = announces(infoHashHex);
        }
        return announces.stream().filter(Announce::succeeded).findFirst().orElseThrow();
    }

    /**
     * Asks the torrent's tracker for a scrape and waits up to {@code timeout} for the answer; a scrape that
     * fails is a {@link PeerFixtureException} with libtorrent's reason. An HTTP tracker on loopback needs
     * {@link Options#withoutSsrfMitigation()}.
     */
    public Scrape scrape(String infoHashHex, Duration timeout) {
        JsonNode reply = call(command("scrape").put("infoHash", infoHashHex).put("timeoutSeconds", seconds(timeout)),
                timeout.plus(COMMAND_TIMEOUT));
        return new Scrape(reply.get("complete").asInt(), reply.get("incomplete").asInt());
    }

    /** Removes the torrent from the session (its files stay). */
    public void remove(String infoHashHex) {
        call(command("remove").put("infoHash", infoHashHex), COMMAND_TIMEOUT);
    }

    /** Re-hashes all data on disk (state goes to checking_files, then back). */
    public void forceRecheck(String infoHashHex) {
        call(command("recheck").put("infoHash", infoHashHex), COMMAND_TIMEOUT);
    }

    /** The v1 info-hash libtorrent computes for a .torrent file, in hex. Needs no session. */
    public String infoHashOf(Path torrentFile) {
        return call(command("info_hash").put("torrent", absolute(torrentFile)), COMMAND_TIMEOUT).get("infoHash").asText();
    }

    /** How libtorrent reads a .torrent file: info-hash, files, pieces, private flag. Needs no session. */
    public TorrentView torrentView(Path torrentFile) {
        return read(call(command("torrent_view").put("torrent", absolute(torrentFile)), COMMAND_TIMEOUT), TorrentView.class);
    }

    /**
     * Writes a v1 .torrent for {@code content} (a file, or a folder whose files are listed in path order like
     * mktorrent does) with lt.create_torrent, one tracker per tier. Returns its info-hash in hex. Needs no session.
     */
    public String createTorrent(Path content, Path out, int pieceSize, List<String> trackers) {
        ObjectNode command = command("create").put("content", absolute(content)).put("out", absolute(out)).put("pieceSize", pieceSize);
        command.set("trackers", json.valueToTree(trackers));
        return call(command, Duration.ofSeconds(60)).get("infoHash").asText();
    }

    /** Adds a DHT node to the routing table (needs {@link Options#withDht()}). */
    public void addDhtNode(String host, int nodePort) {
        call(command("add_dht_node").put("host", host).put("port", nodePort), COMMAND_TIMEOUT);
    }

    /** Result of storing an immutable DHT item (BEP 44): its target (SHA-1 of the bencoded value) and how many nodes took it. */
    public record DhtPut(String targetHex, int nodes) {}

    /** Stores {@code value} (as a bencoded byte string) in the DHT, waiting up to {@code timeout} for the put to complete. */
    public DhtPut dhtPutImmutable(String value, Duration timeout) {
        JsonNode reply = call(command("dht_put_immutable").put("value", value).put("timeoutSeconds", seconds(timeout)),
                timeout.plus(COMMAND_TIMEOUT));
        return new DhtPut(reply.get("target").asText(), reply.get("nodes").asInt());
    }

    /** Looks up an immutable DHT item; empty if no node returned it within {@code timeout}. */
    public Optional<String> dhtGetImmutable(String targetHex, Duration timeout) {
        JsonNode reply = call(command("dht_get_immutable").put("target", targetHex).put("timeoutSeconds", seconds(timeout)),
                timeout.plus(COMMAND_TIMEOUT));
        return reply.get("found").asBoolean() ? Optional.of(reply.get("value").asText()) : Optional.empty();
    }

    /** A mutable DHT item as libtorrent read it: the bencoded string's text and its seq. */
    public record DhtMutableItem(String value, long seq) {}

    /**
     * Signs {@code value} (put as a bencoded byte string) with the ed25519 key of {@code seedHex} (32 bytes,
     * RFC 8032 seed; {@code publicKeyHex} must be its public key) and stores it under that key and
     * {@code salt}; libtorrent picks seq one above the highest it finds. Returns how many nodes took it.
     */
    public int dhtPutMutable(String seedHex, String publicKeyHex, String salt, String value, Duration timeout) {
        return call(command("dht_put_mutable").put("seedHex", seedHex).put("publicKeyHex", publicKeyHex).put("salt", salt)
                .put("value", value).put("timeoutSeconds", seconds(timeout)), timeout.plus(COMMAND_TIMEOUT)).get("nodes").asInt();
    }

    /** Looks up a mutable DHT item (the newest libtorrent found); empty if none was found within {@code timeout}. */
    public Optional<DhtMutableItem> dhtGetMutable(String publicKeyHex, String salt, Duration timeout) {
        JsonNode reply = call(command("dht_get_mutable").put("publicKeyHex", publicKeyHex).put("salt", salt)
                .put("timeoutSeconds", seconds(timeout)), timeout.plus(COMMAND_TIMEOUT));
        return reply.get("found").asBoolean()
                ? Optional.of(new DhtMutableItem(reply.get("value").asText(), reply.get("seq").asLong()))
                : Optional.empty();
    }

    /** How many nodes are in this peer's DHT routing table. */
    public int dhtNodeCount() {
        return call(command("dht_node_count"), COMMAND_TIMEOUT).get("nodes").asInt();
    }

    /**
     * Waits until this peer's DHT routing table holds at least {@code nodes} nodes (added nodes join only
     * once they answer a ping), so a put or get that follows has somewhere to go.
     */
    public int awaitDhtNodes(int nodes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int known = dhtNodeCount();
        while (known < nodes) {
            if (System.nanoTime() > deadline) {
                throw new PeerTimeoutException(name + " knew " + known + " DHT nodes, not " + nodes + ", after " + timeout
                        + program.describe());
            }
            sleep(POLL);
            known = dhtNodeCount();
        }
        return known;
    }

    /** The driver's last log lines (libtorrent alerts), for assertion messages. */
    public String logTail() {
        return program.tail();
    }

    @Override
    public String toString() {
        return name;
    }

    /** Removes all torrents, ends the driver (killing it if it does not stop in time) and deletes the script. */
    @Override
    public void close() {
        try {
            if (!broken && program.isAlive()) {
                try {
                    call(command("quit"), Duration.ofSeconds(5));
                } catch (PeerFixtureException e) {
                    // Closing anyway: the kill below ends it.
                }
            }
            try {
                commands.close();
            } catch (IOException e) {
                // Already gone.
            }
            program.closeAfterGrace(Duration.ofSeconds(5));
        } finally {
            deleteQuietly(driver);
        }
    }

    private ObjectNode command(String cmd) {
        return json.createObjectNode().put("cmd", cmd);
    }

    private synchronized JsonNode call(ObjectNode command, Duration timeout) {
        String cmd = command.get("cmd").asText();
        if (broken) {
            throw new PeerFixtureException(name + " stopped answering earlier; cannot run '" + cmd + "'" + program.describe());
        }
        try {
            commands.write((json.writeValueAsString(command) + "\n").getBytes(StandardCharsets.UTF_8));
            commands.flush();
        } catch (IOException e) {
            broken = true;
            throw new PeerFixtureException(name + ": the libtorrent driver is gone (could not send '" + cmd + "')" + program.describe(), e);
        }
        String line;
        try {
            line = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            broken = true;
            throw new PeerFixtureException(name + ": interrupted waiting for the answer to '" + cmd + "'", e);
        }
        if (line == null || END_OF_OUTPUT.equals(line)) {
            broken = true;
            throw new PeerFixtureException(name + (line == null ? " did not answer '" + cmd + "' within " + timeout
                    : " exited while running '" + cmd + "'") + program.describe());
        }
        JsonNode reply;
        try {
            reply = json.readTree(line);
        } catch (IOException e) {
            broken = true;
            throw new PeerFixtureException(name + " answered '" + cmd + "' with a line that is not JSON: " + line + program.describe(), e);
        }
        if (reply.has("error")) {
            throw new PeerFixtureException(name + ": '" + cmd + "' failed: " + reply.get("error").asText() + "\n  command: " + command);
        }
        return reply;
    }

    private <T> T read(JsonNode reply, Class<T> type) {
        try {
            return json.treeToValue(reply, type);
        } catch (IOException e) {
            throw new PeerFixtureException(name + " sent a reply the fixture cannot read as " + type.getSimpleName() + ": " + reply, e);
        }
    }

    private void readReplies(InputStream stdout) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                replies.add(line);
            }
        } catch (IOException closed) {
            // The driver ended.
        } finally {
            replies.add(END_OF_OUTPUT);
        }
    }

    private static Path extractDriver() {
        try (InputStream script = LibtorrentPeer.class.getResourceAsStream(DRIVER_RESOURCE)) {
            if (script == null) {
                throw new PeerFixtureException("resource " + DRIVER_RESOURCE + " is missing next to " + LibtorrentPeer.class.getName());
            }
            Path file = Files.createTempFile("swarmplace-libtorrent-driver-", ".py");
            Files.write(file, script.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new PeerFixtureException("could not extract the libtorrent driver script to a temp file: " + e.getMessage(), e);
        }
    }

    private static String absolute(Path path) {
        return path.toAbsolutePath().toString();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerFixtureException("interrupted while polling a libtorrent peer", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover temp file is harmless.
        }
    }
}
