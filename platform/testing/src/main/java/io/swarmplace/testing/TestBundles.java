package io.swarmplace.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds the bundles tests install: well-formed ones, and the broken ones users will meet (an import
 * nothing exports, an activator that throws, a jar without OSGi headers).
 */
public final class TestBundles {

    private TestBundles() {}

    /**
     * A bundle with these headers and one resource: valid, resolvable when its imports are, and with
     * content a signature can cover.
     */
    public static Path bundle(Path file, String symbolicName, String version, Map<String, String> extraHeaders)
            throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Bundle-ManifestVersion", "2");
        headers.put("Bundle-SymbolicName", symbolicName);
        headers.put("Bundle-Version", version);
        headers.putAll(extraHeaders);
        return jar(file, headers, Map.of("readme.txt", (symbolicName + " " + version).getBytes(StandardCharsets.UTF_8)));
    }

    /** A jar without any OSGi headers. */
    public static Path plain(Path file) throws IOException {
        return jar(file, Map.of(), Map.of("readme.txt", "not a bundle".getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A copy of {@code jar} with entries replaced or added, everything else (signature files too) kept
     * byte for byte: what an attacker does to a signed jar.
     */
    public static Path rewrite(Path jar, Path copy, Map<String, byte[]> replaceOrAdd) throws IOException {
        Map<String, byte[]> pending = new LinkedHashMap<>(replaceOrAdd);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = pending.containsKey(entry.getName()) ? pending.remove(entry.getName()) : in.readAllBytes();
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(content);
                out.closeEntry();
            }
            for (Map.Entry<String, byte[]> added : pending.entrySet()) {
                out.putNextEntry(new ZipEntry(added.getKey()));
                out.write(added.getValue());
                out.closeEntry();
            }
        }
        return copy;
    }

    /** A jar with exactly these manifest headers and entries. */
    public static Path jar(Path file, Map<String, String> headers, Map<String, byte[]> entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach((name, value) -> manifest.getMainAttributes().putValue(name, value));
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file);
                JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        }
        return file;
    }

    /**
     * A bundle whose activator throws from start(): it resolves, then fails to start. The activator is
     * compiled here against the OSGi API on the test class path.
     */
    public static Path bundleWithFailingActivator(Path file, String symbolicName, String version, Path workDirectory)
            throws IOException {
        String packageName = "test.failing";
        String source = "package " + packageName + ";\n"
                + "public class Activator implements org.osgi.framework.BundleActivator {\n"
                + "  public void start(org.osgi.framework.BundleContext c) {\n"
                + "    throw new IllegalStateException(\"activator refuses to start\");\n"
                + "  }\n"
                + "  public void stop(org.osgi.framework.BundleContext c) {}\n"
                + "}\n";
        byte[] activatorClass = compile(workDirectory, packageName, "Activator", source);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Bundle-ManifestVersion", "2");
        headers.put("Bundle-SymbolicName", symbolicName);
        headers.put("Bundle-Version", version);
        headers.put("Bundle-Activator", packageName + ".Activator");
        headers.put("Import-Package", "org.osgi.framework");
        return jar(file, headers, Map.of(packageName.replace('.', '/') + "/Activator.class", activatorClass));
    }

    /** A copy of {@code bundle} whose Bundle-Version header says {@code version}. */
    public static Path withVersion(Path bundle, Path copy, String version) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Manifest manifest;
        try (JarInputStream in = new JarInputStream(Files.newInputStream(bundle))) {
            manifest = in.getManifest();
            for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                if (!entry.isDirectory()) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        manifest.getMainAttributes().forEach((name, value) -> headers.put(name.toString(), value.toString()));
        headers.put("Bundle-Version", version);
        headers.remove("Manifest-Version");
        return jar(copy, headers, entries);
    }

    private static byte[] compile(Path workDirectory, String packageName, String className, String source)
            throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("tests need a JDK (javax.tools), not a JRE");
        }
        Path sourceDirectory = Files.createDirectories(workDirectory.resolve("src").resolve(packageName.replace('.', '/')));
        Path sourceFile = Files.writeString(sourceDirectory.resolve(className + ".java"), source);
        Path classes = Files.createDirectories(workDirectory.resolve("classes"));
        int result = compiler.run(null, null, null,
                "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"),
                "--release", "17",
                sourceFile.toString());
        if (result != 0) {
            throw new IllegalStateException("could not compile " + sourceFile);
        }
        return Files.readAllBytes(classes.resolve(packageName.replace('.', '/')).resolve(className + ".class"));
    }

}
