package io.swarmplace.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

/**
 * The rules every Swarmplace bundle in the distribution follows: a small exported API with versions,
 * implementation private, no bundle reaching into another's internals.
 */
class BundleConventionsIT {

    @TempDir
    static Path workDirectory;

    private static List<Path> swarmplaceBundles;

    @BeforeAll
    static void unpack() throws Exception {
        Distribution dist = Distribution.unpack(workDirectory);
        try (Stream<Path> files = Stream.concat(Files.list(dist.home().resolve("bundles/30")), Files.list(dist.home().resolve("examples")))) {
            swarmplaceBundles = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        assertThat(swarmplaceBundles).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void exportedPackagesAreVersionedApisNeverInternals() throws IOException {
        for (Path jar : swarmplaceBundles) {
            for (String clause : clauses(header(jar, "Export-Package"))) {
                String packageName = clause.split(";")[0];
                assertThat(packageName).as(jar.getFileName() + " exports").doesNotContain(".internal");
                String version = attribute(clause, "version");
                assertThat(version).as(jar.getFileName() + " exports " + packageName + " with a version").isNotNull();
                assertThat(Version.parseVersion(version)).as(packageName + " version").isGreaterThan(Version.emptyVersion);
            }
        }
    }

    @Test
    void noBundleImportsAnotherBundlesInternals() throws IOException {
        for (Path jar : swarmplaceBundles) {
            for (String clause : clauses(header(jar, "Import-Package"))) {
                assertThat(clause.split(";")[0]).as(jar.getFileName() + " imports").doesNotContain(".internal");
            }
        }
    }

    @Test
    void everyBundleIsNamedVersionedAndDeclaresItsComponentsUnlessALibrary() throws IOException {
        for (Path jar : swarmplaceBundles) {
            assertThat(header(jar, "Bundle-SymbolicName")).as(jar + " symbolic name").startsWith("io.swarmplace.");
            assertThat(header(jar, "Bundle-Version")).as(jar + " version").isNotBlank();
            assertThat(header(jar, "Bundle-Activator")).as(jar + ": components use Declarative Services").isNull();
            if (!"library".equals(header(jar, "Bundle-Category"))) {
                // Library bundles (bencode) only export code; every other bundle runs DS components.
                assertThat(header(jar, "Service-Component")).as(jar + " components").isNotBlank();
            }
        }
    }

    private static String header(Path jar, String name) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes attributes = file.getManifest().getMainAttributes();
            return attributes.getValue(name);
        }
    }

    /** Splits a manifest header at the commas between clauses, not those inside quotes. */
    private static List<String> clauses(String header) {
        if (header == null) {
            return List.of();
        }
        return List.of(header.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)"));
    }

    private static String attribute(String clause, String name) {
        for (String part : clause.split(";(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
            String trimmed = part.trim();
            if (trimmed.startsWith(name + "=")) {
                return trimmed.substring(name.length() + 1).replace("\"", "");
            }
        }
        return null;
    }
}
