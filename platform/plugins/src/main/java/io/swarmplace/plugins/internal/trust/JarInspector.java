package io.swarmplace.plugins.internal.trust;

import io.swarmplace.plugins.PluginException;
import io.swarmplace.plugins.TamperedPluginException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/**
 * Checks that a downloaded file is an OSGi bundle and verifies its signatures before anything is
 * installed. Every entry is read in full because the JDK only checks an entry's digest while it is
 * being read.
 */
public class JarInspector {

    /**
     * @param jar the downloaded file
     * @param name how to call it in messages (the path or URL the user gave)
     * @throws TamperedPluginException if a signature does not match or only some entries are signed
     * @throws PluginException if it is not a jar or not a bundle
     */
    public InspectedJar inspect(Path jar, String name) throws PluginException {
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                throw new PluginException(name + " is not an OSGi bundle: it has no META-INF/MANIFEST.MF.");
            }
            Attributes headers = manifest.getMainAttributes();
            String symbolicName = symbolicName(headers, name);
            Version version = version(headers, name);
            List<List<X509Certificate>> signers = verifiedSigners(file, name + " (" + symbolicName + " " + version + ")");
            return new InspectedJar(symbolicName, version, signers);
        } catch (ZipException e) {
            throw new PluginException(name + " is not a jar (" + e.getMessage() + "); give the path or URL of a plugin's .jar file.");
        } catch (IOException e) {
            throw new PluginException("cannot read " + name + ": " + e.getMessage());
        }
    }

    private static String symbolicName(Attributes headers, String name) throws PluginException {
        String manifestVersion = headers.getValue(Constants.BUNDLE_MANIFESTVERSION);
        String symbolicName = headers.getValue(Constants.BUNDLE_SYMBOLICNAME);
        if (symbolicName == null || symbolicName.isBlank()) {
            throw new PluginException(name + " is not an OSGi bundle: no Bundle-SymbolicName header. Plugins must be OSGi bundles (build them with bnd).");
        }
        if (!"2".equals(manifestVersion == null ? null : manifestVersion.strip())) {
            throw new PluginException(name + " is not an OSGi R4+ bundle: Bundle-ManifestVersion is "
                    + (manifestVersion == null ? "missing" : "'" + manifestVersion + "'") + ", it must be 2.");
        }
        int directives = symbolicName.indexOf(';');
        return (directives < 0 ? symbolicName : symbolicName.substring(0, directives)).strip();
    }

    private static Version version(Attributes headers, String name) throws PluginException {
        String version = headers.getValue(Constants.BUNDLE_VERSION);
        try {
            return version == null ? Version.emptyVersion : Version.parseVersion(version.strip());
        } catch (IllegalArgumentException e) {
            throw new PluginException(name + " has an invalid Bundle-Version '" + version + "': " + e.getMessage());
        }
    }

    private static List<List<X509Certificate>> verifiedSigners(JarFile file, String label) throws IOException, PluginException {
        Set<List<X509Certificate>> commonSigners = null;
        List<String> unsigned = new ArrayList<>();
        int signedEntries = 0;
        byte[] buffer = new byte[64 * 1024];
        for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
            JarEntry entry = entries.nextElement();
            try (InputStream in = file.getInputStream(entry)) {
                while (in.read(buffer) >= 0) {
                    // reading to the end is what makes the JDK verify the entry's digest
                }
            } catch (SecurityException e) {
                throw new TamperedPluginException(label + " has a broken signature: " + e.getMessage()
                        + ". It was modified after signing and is refused; get it again from its publisher.");
            }
            if (entry.isDirectory() || isSignatureFile(entry.getName())) {
                continue;
            }
            CodeSigner[] signers = entry.getCodeSigners();
            if (signers == null || signers.length == 0) {
                unsigned.add(entry.getName());
                continue;
            }
            signedEntries++;
            Set<List<X509Certificate>> chains = chainsOf(signers);
            if (commonSigners == null) {
                commonSigners = chains;
            } else {
                commonSigners.retainAll(chains);
            }
        }
        if (signedEntries == 0) {
            return List.of();
        }
        if (!unsigned.isEmpty()) {
            throw new TamperedPluginException(label + " is only partly signed: " + unsigned.size() + " entries (e.g. "
                    + unsigned.get(0) + ") are not covered by its signature. Such a jar was changed after signing and is refused.");
        }
        if (commonSigners.isEmpty()) {
            throw new TamperedPluginException(label + " has entries signed by different signers and none that signed all of it; it is refused.");
        }
        return new ArrayList<>(commonSigners);
    }

    private static Set<List<X509Certificate>> chainsOf(CodeSigner[] signers) {
        Set<List<X509Certificate>> chains = new LinkedHashSet<>();
        for (CodeSigner signer : signers) {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : signer.getSignerCertPath().getCertificates()) {
                if (certificate instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
            chains.add(List.copyOf(chain));
        }
        return chains;
    }

    /** The manifest and the signature block files are what signs the rest; they carry no signer themselves. */
    private static boolean isSignatureFile(String entryName) {
        String upper = entryName.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        String file = upper.substring("META-INF/".length());
        return file.equals("MANIFEST.MF") || file.startsWith("SIG-") || file.endsWith(".SF") || file.endsWith(".RSA")
                || file.endsWith(".DSA") || file.endsWith(".EC");
    }
}
