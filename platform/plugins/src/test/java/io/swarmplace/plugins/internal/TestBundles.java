package io.swarmplace.plugins.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Builds small bundles for tests: a manifest plus whatever entries a test needs. */
final class TestBundles {

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    static TestBundles bundle(String symbolicName, String version) {
        TestBundles bundle = new TestBundles();
        bundle.headers.put("Bundle-ManifestVersion", "2");
        bundle.headers.put("Bundle-SymbolicName", symbolicName);
        bundle.headers.put("Bundle-Version", version);
        return bundle.entry("readme.txt", symbolicName + " " + version);
    }

    /** A jar without any OSGi headers. */
    static TestBundles plainJar() {
        return new TestBundles().entry("readme.txt", "not a bundle");
    }

    TestBundles header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    TestBundles entry(String name, String content) {
        return entry(name, content.getBytes(StandardCharsets.UTF_8));
    }

    TestBundles entry(String name, byte[] content) {
        entries.put(name, content);
        return this;
    }

    Path writeTo(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes());
        }
        return file;
    }

    byte[] bytes() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach((name, value) -> manifest.getMainAttributes().putValue(name, value));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
