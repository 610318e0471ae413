package io.swarmplace.launcher.node;

import io.swarmplace.launcher.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * Keeps the framework's core bundles equal to the distribution's bundles/ folder. Each numbered
 * sub-folder is a start level ({@code bundles/10/*.jar} start at level 10). On every start, new jars
 * are installed, changed jars updated and vanished ones uninstalled, so upgrading the distribution
 * over an existing data directory just works. Bundles installed at run time (plugins) are left alone.
 * A jar is hashed only when its size or modification time differs from what was recorded at its last
 * install: hashing every core jar (tens of MB with the ledger's and the TRON libraries) on every start
 * cost hundreds of milliseconds before "ready". Replacing a jar always gives it a new modification time.
 */
final class CoreBundles {

    static final String LOCATION_PREFIX = "swarmplace-core:";
    private static final String STATE_FILE = "core-bundles.properties";

    private final BundleContext context;
    private final Path bundlesDirectory;
    private final Path stateFile;

    CoreBundles(BundleContext context, Path bundlesDirectory, Path dataDirectory) {
        this.context = context;
        this.bundlesDirectory = bundlesDirectory;
        this.stateFile = dataDirectory.resolve(STATE_FILE);
    }

    /** Installs, updates and uninstalls core bundles; returns the bundles that changed. */
    List<Bundle> synchronize() throws IOException, BundleException {
        Properties knownDigests = readState();
        Properties currentDigests = new Properties();
        List<Bundle> changed = new ArrayList<>();
        for (var entry : jarsByLocation().entrySet()) {
            String location = entry.getKey();
            CoreJar jar = entry.getValue();
            InstalledJar known = InstalledJar.parse(knownDigests.getProperty(location));
            String stamp = stamp(jar.path());
            String digest = known != null && stamp.equals(known.stamp()) ? known.digest() : sha256(jar.path());
            currentDigests.setProperty(location, digest + STAMP_SEPARATOR + stamp);
            Bundle bundle = context.getBundle(location);
            if (bundle == null) {
                try (InputStream in = Files.newInputStream(jar.path())) {
                    bundle = context.installBundle(location, in);
                }
                changed.add(bundle);
            } else if (known == null || !digest.equals(known.digest())) {
                try (InputStream in = Files.newInputStream(jar.path())) {
                    bundle.update(in);
                }
                changed.add(bundle);
            }
            bundle.adapt(BundleStartLevel.class).setStartLevel(jar.startLevel());
            if (!isFragment(bundle)) {
                bundle.start(Bundle.START_ACTIVATION_POLICY);
            }
        }
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().startsWith(LOCATION_PREFIX) && !currentDigests.containsKey(bundle.getLocation())) {
                bundle.uninstall();
                changed.add(bundle);
            }
        }
        writeState(currentDigests);
        return changed;
    }

    private record CoreJar(Path path, int startLevel) {}

    private static final String STAMP_SEPARATOR = ";";

    /**
     * What the state file says of an installed jar: {@code <sha-256>;<size>:<modified millis>}, or the
     * digest alone as written before stamps were recorded (then the jar is hashed once more).
     */
    private record InstalledJar(String digest, String stamp) {
        static InstalledJar parse(String recorded) {
            if (recorded == null) {
                return null;
            }
            int separator = recorded.indexOf(STAMP_SEPARATOR);
            return separator < 0 ? new InstalledJar(recorded, "")
                    : new InstalledJar(recorded.substring(0, separator), recorded.substring(separator + 1));
        }
    }

    private static String stamp(Path jar) throws IOException {
        return Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis();
    }

    private TreeMap<String, CoreJar> jarsByLocation() throws IOException {
        TreeMap<String, CoreJar> jars = new TreeMap<>();
        try (DirectoryStream<Path> levels = Files.newDirectoryStream(bundlesDirectory, Files::isDirectory)) {
            for (Path levelDirectory : levels) {
                int startLevel = parseStartLevel(levelDirectory);
                try (DirectoryStream<Path> files = Files.newDirectoryStream(levelDirectory, "*.jar")) {
                    for (Path jar : files) {
                        String relative = bundlesDirectory.relativize(jar).toString().replace('\\', '/');
                        jars.put(LOCATION_PREFIX + relative, new CoreJar(jar, startLevel));
                    }
                }
            }
        }
        if (jars.isEmpty()) {
            throw new UserError("No core bundles in " + bundlesDirectory + ": the distribution is incomplete.");
        }
        return jars;
    }

    private static int parseStartLevel(Path levelDirectory) {
        String name = levelDirectory.getFileName().toString();
        try {
            int level = Integer.parseInt(name);
            if (level >= 1) {
                return level;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UserError("bundles/" + name + " is not a start level: core bundles go in numbered folders such as bundles/20/");
    }

    private static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get("Fragment-Host") != null;
    }

    private Properties readState() throws IOException {
        Properties properties = new Properties();
        if (Files.exists(stateFile)) {
            try (Reader reader = Files.newBufferedReader(stateFile)) {
                properties.load(reader);
            }
        }
        return properties;
    }

    private void writeState(Properties digests) throws IOException {
        Files.createDirectories(stateFile.getParent());
        Path temp = stateFile.resolveSibling(STATE_FILE + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temp)) {
            digests.store(writer, "SHA-256;size:modified-millis of each core bundle as installed; a new digest triggers an update");
        }
        Files.move(temp, stateFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
