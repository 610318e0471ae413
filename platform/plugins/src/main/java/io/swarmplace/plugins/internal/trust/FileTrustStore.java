package io.swarmplace.plugins.internal.trust;

import io.swarmplace.plugins.PluginException;
import io.swarmplace.plugins.TrustStore;
import io.swarmplace.plugins.internal.PluginDirectories;
import io.swarmplace.plugins.internal.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Trusted signer certificates, one PEM file each in {@code <data>/plugins/trust/}, named by the
 * certificate's SHA-256 so adding the same certificate twice changes nothing. The folder is read on
 * every question, so certificates an administrator copies in by hand count at once.
 */
@Component(service = {TrustStore.class, CertificateTrust.class})
public class FileTrustStore implements TrustStore, CertificateTrust {

    private static final String PEM_SUFFIX = ".pem";

    private final Path directory;

    @Activate
    public FileTrustStore(BundleContext context) {
        this(PluginDirectories.under(context.getProperty(PluginDirectories.DATA_PROPERTY)).trust());
    }

    public FileTrustStore(Path directory) {
        this.directory = directory;
    }

    @Override
    public synchronized String trust(Path certificateFile) throws PluginException {
        X509Certificate certificate = readCertificate(certificateFile);
        try {
            byte[] der = certificate.getEncoded();
            Files.createDirectories(directory);
            Path target = directory.resolve(Sha256.of(der) + PEM_SUFFIX);
            Path partial = Files.createTempFile(directory, "cert-", ".tmp");
            Files.writeString(partial, toPem(der), StandardCharsets.US_ASCII);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | CertificateEncodingException e) {
            throw new PluginException("cannot store the certificate in " + directory + ": " + e.getMessage());
        }
        return subjectOf(certificate);
    }

    @Override
    public synchronized boolean distrust(String subject) throws PluginException {
        X500Principal principal;
        try {
            principal = new X500Principal(subject);
        } catch (IllegalArgumentException e) {
            throw new PluginException("'" + subject + "' is not an X.500 name; use a subject exactly as 'swarmplace:trusted' shows it.");
        }
        boolean removed = false;
        for (StoredCertificate stored : stored()) {
            if (stored.certificate().getSubjectX500Principal().equals(principal)) {
                try {
                    Files.deleteIfExists(stored.file());
                    removed = true;
                } catch (IOException e) {
                    throw new PluginException("cannot delete " + stored.file() + ": " + e.getMessage());
                }
            }
        }
        return removed;
    }

    @Override
    public synchronized List<String> trustedSubjects() {
        return stored().stream().map(s -> subjectOf(s.certificate())).sorted().toList();
    }

    @Override
    public synchronized boolean isTrusted(List<X509Certificate> chain) {
        List<X509Certificate> trusted = stored().stream().map(StoredCertificate::certificate).toList();
        for (int i = 0; i < chain.size(); i++) {
            if (trusted.contains(chain.get(i))) {
                return true;
            }
            // A chain is only as good as its links: a trusted CA certificate appended to a chain it did
            // not sign must not lend its trust to the leaf.
            if (i + 1 == chain.size() || !isSignedBy(chain.get(i), chain.get(i + 1))) {
                return false;
            }
        }
        return false;
    }

    public static String subjectOf(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    private static boolean isSignedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private List<StoredCertificate> stored() {
        List<StoredCertificate> certificates = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return certificates;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + PEM_SUFFIX)) {
            for (Path file : files) {
                try {
                    certificates.add(new StoredCertificate(file, readCertificate(file)));
                } catch (PluginException unreadable) {
                    // A damaged file must not lock every plugin out; it simply trusts nobody.
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the trust store " + directory, e);
        }
        return certificates;
    }

    private static X509Certificate readCertificate(Path file) throws PluginException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PluginException(file + " does not exist; give the path of a PEM or DER certificate file.");
        } catch (IOException e) {
            throw new PluginException("cannot read " + file + ": " + e.getMessage());
        }
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            // CertificateFactory reads both DER and PEM ("-----BEGIN CERTIFICATE-----").
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            for (Certificate certificate : certificates) {
                if (certificate instanceof X509Certificate x509) {
                    return x509;
                }
            }
        } catch (CertificateException | IOException e) {
            // fall through to the message below
        }
        throw new PluginException(file + " does not contain an X.509 certificate in PEM or DER form.");
    }

    private static String toPem(byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
    }

    private record StoredCertificate(Path file, X509Certificate certificate) {}
}
