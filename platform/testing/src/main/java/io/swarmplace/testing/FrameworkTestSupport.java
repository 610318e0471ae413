package io.swarmplace.testing;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Assertions;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * For tests that boot a real Felix framework with a bundle under test: the platform bundles from the
 * test class path, configuration through Configuration Admin, and services looked up by class name
 * (the test's class path has its own copies of the API types, so class-compatible lookups find none;
 * hence the reflection).
 */
public final class FrameworkTestSupport {

    /**
     * Jar-name prefixes of what a Netty service bundle with DS components, configuration and shell
     * commands needs beside it (SCR, Configuration Admin, Gogo, Netty, bencode).
     */
    public static final List<String> NETWORK_SERVICE_BUNDLES = List.of("org.apache.felix.scr",
            "org.osgi.service.component-", "org.osgi.util.promise", "org.osgi.util.function",
            "org.apache.felix.configadmin", "org.apache.felix.gogo.runtime", "netty-", "bencode");

    private FrameworkTestSupport() {}

    /**
     * A started framework (the one on the test class path, found through the standard launching API)
     * with a clean cache under {@code storage} and the given framework {@code properties}.
     */
    public static Framework startFramework(Path storage, Map<String, String> properties) throws BundleException {
        Map<String, String> all = new java.util.HashMap<>(properties);
        all.put(Constants.FRAMEWORK_STORAGE, storage.resolve("felix-cache").toString());
        all.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the test class path"));
        Framework framework = factory.newFramework(all);
        framework.start();
        return framework;
    }

    /**
     * The packaged bundle under test: the jar the build names in system property {@code property}
     * ({@code <module>.bundle}, set by failsafe), else {@code target/<module>-0.1.0-SNAPSHOT.jar} for a run
     * from the IDE. Fails the test when the jar is missing (run {@code mvn package} first).
     */
    public static Path packagedBundle(String module) {
        Path jar = Path.of(System.getProperty(module + ".bundle", "target/" + module + "-0.1.0-SNAPSHOT.jar"));
        Assertions.assertTrue(Files.isRegularFile(jar), "the packaged bundle under test is missing: " + jar.toAbsolutePath());
        return jar;
    }

    /**
     * Installs and starts the platform bundles ({@link #bundleLocations}) and after them the packaged
     * bundle under test.
     *
     * @return every bundle installed, in order: the one under test is last
     */
    public static List<Bundle> installAndStart(BundleContext context, List<String> jarPrefixes, List<String> moduleFolders,
            Path bundleUnderTest) throws BundleException {
        List<String> locations = new ArrayList<>(bundleLocations(jarPrefixes, moduleFolders));
        locations.add(bundleUnderTest.toUri().toString());
        return installAndStart(context, locations);
    }

    /** Installs the bundles at {@code locations}, then starts every one that is not a fragment. */
    public static List<Bundle> installAndStart(BundleContext context, List<String> locations) throws BundleException {
        List<Bundle> installed = new ArrayList<>();
        for (String location : locations) {
            installed.add(context.installBundle(location));
        }
        for (Bundle bundle : installed) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
        }
        return installed;
    }

    /**
     * Install locations of the bundles on the test class path whose jar names start with one of
     * {@code jarPrefixes}, plus the bnd-built class folders of the sibling modules named in
     * {@code moduleFolders} (installed by reference). A module's test jar ({@code -tests.jar}, shared test
     * code) is never a bundle to install, even when its name matches.
     */
    public static List<String> bundleLocations(List<String> jarPrefixes, List<String> moduleFolders) {
        List<String> locations = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            String name = path.getFileName().toString();
            boolean classFolder = Files.isDirectory(path) && path.endsWith("classes")
                    && moduleFolders.contains(path.getParent().getParent().getFileName().toString());
            if (classFolder) {
                locations.add("reference:" + path.toUri());
            } else if (name.endsWith(".jar") && !name.endsWith("-tests.jar") && jarPrefixes.stream().anyMatch(name::startsWith)) {
                locations.add(path.toUri().toString());
            }
        }
        Assertions.assertTrue(locations.size() >= jarPrefixes.size(),
                "platform bundles on the class path: found " + locations + " for " + jarPrefixes);
        return locations;
    }

    /** Any registered service named {@code type}, if there is one now. */
    public static Optional<Object> service(BundleContext context, String type) throws Exception {
        ServiceReference<?>[] references = context.getAllServiceReferences(type, null);
        return references == null ? Optional.empty() : Optional.ofNullable(context.getService(references[0]));
    }

    /** Updates the configuration of {@code pid} through the given ConfigurationAdmin service object. */
    public static void configure(Object configurationAdmin, String pid, Map<String, Object> properties) throws Exception {
        Object configuration = configurationAdmin.getClass().getMethod("getConfiguration", String.class, String.class)
                .invoke(configurationAdmin, pid, "?");
        Method update = configuration.getClass().getMethod("update", Dictionary.class);
        update.setAccessible(true);
        update.invoke(configuration, new Hashtable<>(properties));
    }

    /** Calls a public no-argument method (or record accessor) reflectively. */
    public static Object call(Object target, String method) {
        try {
            Method m = target.getClass().getMethod(method);
            m.setAccessible(true);
            return m.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("calling " + method + " on " + target, e);
        }
    }
}
