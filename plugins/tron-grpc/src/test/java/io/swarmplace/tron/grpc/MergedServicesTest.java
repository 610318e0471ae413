package io.swarmplace.tron.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The library jar is flat: the libraries' classes side by side, so where two of them declare the same
 * ServiceLoader service only one file survives. src/main/resources holds the merged files; this checks them
 * against the original jars (on the test class path as provided dependencies), so a library upgrade that adds
 * or moves a provider fails here instead of silently losing a gRPC transport, resolver or load balancer.
 */
class MergedServicesTest {

    private static final Path MERGED = Path.of("target/classes/META-INF/services");

    @Test
    void everyProviderOfEveryFlattenedLibraryIsInTheMergedServiceFiles() throws IOException {
        TreeMap<String, Set<String>> declared = new TreeMap<>();
        for (Path jar : flattenedLibraries()) {
            try (JarFile file = new JarFile(jar.toFile())) {
                Enumeration<JarEntry> entries = file.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    String name = entry.getName();
                    if (name.startsWith("META-INF/services/") && !entry.isDirectory()) {
                        try (InputStream in = file.getInputStream(entry)) {
                            declared.computeIfAbsent(name.substring("META-INF/services/".length()), k -> new TreeSet<>())
                                    .addAll(providers(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                        }
                    }
                }
            }
        }
        assertThat(declared).containsKeys("io.grpc.ManagedChannelProvider", "io.grpc.ServerProvider",
                "io.grpc.NameResolverProvider", "io.grpc.LoadBalancerProvider");
        TreeMap<String, Set<String>> merged = new TreeMap<>();
        try (var files = Files.list(MERGED)) {
            for (Path file : files.toList()) {
                merged.put(file.getFileName().toString(), new TreeSet<>(providers(Files.readString(file))));
            }
        }
        assertThat(merged).isEqualTo(declared);
    }

    /**
     * The jars unpacked into this one, named by the dependency plugin's markers
     * ({@code <groupId>-<artifactId>-jar-<version>.marker}), found on the test class path.
     */
    private static List<Path> flattenedLibraries() throws IOException {
        Set<String> unpacked = new TreeSet<>();
        try (var markers = Files.list(Path.of("target/dependency-maven-plugin-markers"))) {
            for (Path marker : markers.toList()) {
                String name = marker.getFileName().toString().replaceFirst("\\.marker$", "");
                String groupAndArtifact = name.substring(0, name.lastIndexOf("-jar-"));
                String artifact = groupAndArtifact.substring(groupAndArtifact.indexOf('-') + 1);
                unpacked.add(artifact + "-" + name.substring(name.lastIndexOf("-jar-") + "-jar-".length()) + ".jar");
            }
        }
        List<Path> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (unpacked.contains(path.getFileName().toString())) {
                jars.add(path);
            }
        }
        assertThat(jars).as("the unpacked libraries " + unpacked + " on the test class path").hasSize(unpacked.size());
        return jars;
    }

    private static List<String> providers(String serviceFile) {
        return serviceFile.lines().map(line -> line.replaceAll("#.*", "").strip()).filter(line -> !line.isEmpty()).toList();
    }
}
