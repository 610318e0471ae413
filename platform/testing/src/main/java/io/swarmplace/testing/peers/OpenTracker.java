package io.swarmplace.testing.peers;

import io.swarmplace.testing.ExternalPart;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A real opentracker on 127.0.0.1:port, serving HTTP and UDP (BEP 15) announces on that one port.
 *
 * <p>Debian builds opentracker whitelist-only, so only the info-hashes given to {@link #start} or
 * {@link #allow} are tracked; others get "Requested download is not authorized". The config, the
 * whitelist and nothing else live in a fresh temp folder that is also {@code tracker.rootdir}:
 * <ul>
 * <li>as root (CI) opentracker chroots there and switches to {@code nobody}, so the folder is made
 * world-readable and the whitelist is named by a path relative to it ("whitelist"), which resolves the same
 * inside the chroot;</li>
 * <li>as a normal user the chroot and the user switch fail harmlessly, opentracker just changes into the
 * folder, and the same relative path works.</li>
 * </ul>
 * Opentracker sets SO_REUSEPORT, so it would happily share a port with another tracker: {@link #start}
 * checks that the port is free first. Use a fresh tracker per test class, since killed clients never send
 * event=stopped and would stay in its swarms.
 */
public final class OpenTracker implements AutoCloseable {

    public static final Path OPENTRACKER = Path.of("/usr/bin/opentracker");
    public static final String NAME = "opentracker";
    public static final String HOW_TO_GET = "apt-get install opentracker";

    private static final Pattern HEX_INFO_HASH = Pattern.compile("[0-9a-f]{40}");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    private static final String PROBE_PEER_ID = "-SW0000-trackerprobe";

    private final int port;
    private final Path directory;
    private final ExternalProgram program;
    private final Set<String> allowed = new LinkedHashSet<>();

    private OpenTracker(int port, Path directory, ExternalProgram program) {
        this.port = port;
        this.directory = directory;
        this.program = program;
    }

    /** True if /usr/bin/opentracker is installed. */
    public static boolean available() {
        return Files.isExecutable(OPENTRACKER);
    }

    /** Skips (or under SWARMPLACE_IT=required fails) the calling test if opentracker is missing. */
    public static void require() {
        ExternalPart.require(NAME, HOW_TO_GET, OpenTracker::available);
    }

    /**
     * Starts opentracker on 127.0.0.1:{@code port} tracking {@code infoHashesHex} (40 hex digits each) and
     * returns once it answers announces for them.
     */
    public static OpenTracker start(int port, Collection<String> infoHashesHex) {
        Set<String> hashes = normalized(infoHashesHex);
        if (!FreePorts.isFree(java.net.InetAddress.getLoopbackAddress(), port)) {
            throw new PeerFixtureException("cannot start opentracker on 127.0.0.1:" + port
                    + ": the port is in use for TCP or UDP (opentracker would silently share it)");
        }
        Path directory;
        try {
            directory = Files.createTempDirectory("swarmplace-opentracker-");
            // After the chroot (as root) opentracker runs as nobody and must still read the whitelist.
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            writeWhitelist(directory, hashes);
            Files.writeString(directory.resolve("opentracker.conf"), String.join("\n",
                    "listen.tcp_udp 127.0.0.1:" + port,
                    "access.whitelist whitelist",
                    "tracker.rootdir " + directory,
                    "tracker.user " + runAsUser(),
                    ""));
        } catch (IOException e) {
            throw new PeerFixtureException("could not write the opentracker config in a temp folder: " + e.getMessage(), e);
        }
        ExternalProgram program = ExternalProgram.start("opentracker-" + port,
                List.of(OPENTRACKER.toString(), "-f", directory.resolve("opentracker.conf").toString()), directory);
        OpenTracker tracker = new OpenTracker(port, directory, program);
        tracker.allowed.addAll(hashes);
        try {
            tracker.awaitServing(hashes);
            return tracker;
        } catch (RuntimeException e) {
            tracker.close();
            throw e;
        }
    }

    /** The port opentracker listens on, for TCP (HTTP) and UDP. */
    public int port() {
        return port;
    }

    public String httpAnnounceUrl() {
        return "http://127.0.0.1:" + port + "/announce";
    }

    public String udpAnnounceUrl() {
        return "udp://127.0.0.1:" + port + "/announce";
    }

    /** The info-hashes currently on the whitelist. */
    public Set<String> allowed() {
        return Set.copyOf(allowed);
    }

    /**
     * Adds info-hashes to the whitelist: rewrites the file, sends SIGHUP (opentracker reloads its access
     * list on it) and waits until the tracker accepts announces for them.
     */
    public void allow(String... infoHashesHex) {
        Set<String> added = normalized(List.of(infoHashesHex));
        Set<String> all = new LinkedHashSet<>(allowed);
        all.addAll(added);
        try {
            writeWhitelist(directory, all);
        } catch (IOException e) {
            throw new PeerFixtureException("could not rewrite the opentracker whitelist in " + directory + ": " + e.getMessage(), e);
        }
        allowed.clear();
        allowed.addAll(all);
        program.hangUp();
        awaitServing(added);
    }

    /**
     * True if the tracker tracks this info-hash: announces for it are answered without "not authorized".
     * The probe announces a peer 127.0.0.1:1 with numwant=0 and at once withdraws it (event=stopped), so
     * real clients are at most offered a port that refuses connections for a moment.
     */
    public boolean accepts(String infoHashHex) {
        String hex = normalized(List.of(infoHashHex)).iterator().next();
        String reply = get(announceQuery(hex, "started"));
        boolean accepted = !reply.contains("failure reason");
        if (accepted) {
            get(announceQuery(hex, "stopped"));
        }
        return accepted;
    }

    /** Opentracker's last output lines, for assertion messages. */
    public String logTail() {
        return program.tail();
    }

    /** Kills opentracker and deletes its folder. */
    @Override
    public void close() {
        program.close();
        for (String file : List.of("whitelist", "whitelist.new", "opentracker.conf")) {
            try {
                Files.deleteIfExists(directory.resolve(file));
            } catch (IOException e) {
                // A leftover temp file is harmless.
            }
        }
        try {
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // Something else was written there: leave it.
        }
    }

    private void awaitServing(Set<String> hashes) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer yet";
        while (true) {
            if (!program.isAlive()) {
                throw new PeerFixtureException("opentracker on 127.0.0.1:" + port + " exited" + program.describe());
            }
            try {
                if (hashes.isEmpty()) {
                    get("/scrape");
                    return;
                }
                if (hashes.stream().allMatch(this::accepts)) {
                    return;
                }
                last = "announces still refused as not authorized";
            } catch (PeerFixtureException notYet) {
                last = notYet.getMessage();
            }
            if (System.nanoTime() > deadline) {
                throw new PeerTimeoutException("opentracker on 127.0.0.1:" + port + " did not serve " + hashes + " within "
                        + READY_TIMEOUT + " (" + last + ")" + program.describe());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PeerFixtureException("interrupted while waiting for opentracker", e);
            }
        }
    }

    private String announceQuery(String hex, String event) {
        StringBuilder escaped = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            escaped.append('%').append(hex, i, i + 2);
        }
        return "/announce?info_hash=" + escaped + "&peer_id=" + PROBE_PEER_ID
                + "&port=1&uploaded=0&downloaded=0&left=0&compact=1&numwant=0&event=" + event;
    }

    private String get(String pathAndQuery) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + pathAndQuery).toURL().openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(2000);
            try (InputStream body = connection.getInputStream()) {
                return new String(body.readNBytes(64 * 1024), StandardCharsets.ISO_8859_1);
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            throw new PeerFixtureException("opentracker on 127.0.0.1:" + port + " did not answer " + pathAndQuery + ": " + e, e);
        }
    }

    private static void writeWhitelist(Path directory, Set<String> hashes) throws IOException {
        Path next = directory.resolve("whitelist.new");
        StringBuilder lines = new StringBuilder();
        hashes.forEach(hash -> lines.append(hash).append('\n'));
        Files.writeString(next, lines);
        Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rw-r--r--"));
        // Opentracker reopens the file by name on SIGHUP: a rename never lets it read half a list.
        Files.move(next, directory.resolve("whitelist"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Set<String> normalized(Collection<String> infoHashesHex) {
        Set<String> hashes = new LinkedHashSet<>();
        for (String hash : infoHashesHex) {
            String hex = hash.toLowerCase(Locale.ROOT);
            if (!HEX_INFO_HASH.matcher(hex).matches()) {
                throw new IllegalArgumentException("not a hex info-hash (40 hex digits): '" + hash + "'");
            }
            hashes.add(hex);
        }
        return hashes;
    }

    /** As root opentracker drops to this user after the chroot; as anyone else the switch fails harmlessly. */
    private static String runAsUser() {
        String user = System.getProperty("user.name", "nobody");
        return "root".equals(user) ? "nobody" : user;
    }
}
