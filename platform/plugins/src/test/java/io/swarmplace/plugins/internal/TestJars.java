package io.swarmplace.plugins.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import jdk.security.jarsigner.JarSigner;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test jars, signers and tampering, shared by the test packages. */
public final class TestJars {

    private TestJars() {}

    public static Path bundle(Path file, String symbolicName, String version, Map<String, String> headers) throws IOException {
        TestBundles bundle = TestBundles.bundle(symbolicName, version);
        headers.forEach(bundle::header);
        return bundle.writeTo(file);
    }

    public static Path plain(Path file) throws IOException {
        return TestBundles.plainJar().writeTo(file);
    }

    public static Signer signer(String subject) throws Exception {
        return Signer.create(subject);
    }

    public static Path rewrite(Path in, Path out, Map<String, byte[]> replaceOrAdd) throws IOException {
        return JarRewriter.rewrite(in, out, replaceOrAdd);
    }

    /** A self-signed signing identity for tests, made with BouncyCastle; signs with the JDK's JarSigner. */
    public static final class Signer {

        private final KeyPair keys;
        private final X509Certificate certificate;

        private Signer(KeyPair keys, X509Certificate certificate) {
            this.keys = keys;
            this.certificate = certificate;
        }

        static Signer create(String subject) throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair keys = generator.generateKeyPair();
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(x500(subject), BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), x500(subject), keys.getPublic());
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new Signer(keys, certificate);
        }

        /** Java's X500Principal parses the name as the JDK will print it again. */
        private static X500Name x500(String subject) {
            return X500Name.getInstance(new javax.security.auth.x500.X500Principal(subject).getEncoded());
        }

        public X509Certificate certificate() {
            return certificate;
        }

        public Path writeCertificateDer(Path file) throws Exception {
            Files.createDirectories(file.getParent());
            return Files.write(file, certificate.getEncoded());
        }

        /** Signs {@code unsigned} into {@code signed}. */
        public Path sign(Path unsigned, Path signed) throws IOException, GeneralSecurityException {
            JarSigner signer = new JarSigner.Builder(keys.getPrivate(),
                    CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)))
                    .signerName("TEST")
                    .build();
            try (ZipFile in = new ZipFile(unsigned.toFile()); OutputStream out = Files.newOutputStream(signed)) {
                signer.sign(in, out);
            }
            return signed;
        }
    }
}
