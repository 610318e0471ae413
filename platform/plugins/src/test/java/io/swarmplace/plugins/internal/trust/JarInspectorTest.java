package io.swarmplace.plugins.internal.trust;

import io.swarmplace.testing.TestBundles;
import io.swarmplace.testing.TestSigner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swarmplace.plugins.PluginException;
import io.swarmplace.plugins.TamperedPluginException;
import io.swarmplace.plugins.Trust;
import io.swarmplace.plugins.UntrustedPluginException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

class JarInspectorTest {

    @TempDir
    Path dir;

    private final JarInspector inspector = new JarInspector();
    private FileTrustStore trustStore;
    private TrustDecision decision;

    @BeforeEach
    void setUp() {
        trustStore = new FileTrustStore(dir.resolve("trust"));
        decision = new TrustDecision(trustStore);
    }

    @Test
    void refusesAFileThatIsNotAJar() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.jar"), "hello");
        assertThatThrownBy(() -> inspector.inspect(text, "notes.jar"))
                .isExactlyInstanceOf(PluginException.class)
                .hasMessageContaining("notes.jar is not a jar");
    }

    @Test
    void refusesAJarWithoutOsgiHeaders() throws Exception {
        Path jar = TestBundles.plain(dir.resolve("plain.jar"));
        assertThatThrownBy(() -> inspector.inspect(jar, "plain.jar"))
                .isExactlyInstanceOf(PluginException.class)
                .hasMessageContaining("plain.jar is not an OSGi bundle: no Bundle-SymbolicName header");
    }

    @Test
    void refusesAnOldStyleBundle() throws Exception {
        Path jar = TestBundles.bundle(dir.resolve("old.jar"), "io.example.old", "1.0.0", Map.of("Bundle-ManifestVersion", "1"));
        assertThatThrownBy(() -> inspector.inspect(jar, "old.jar")).hasMessageContaining("Bundle-ManifestVersion");
    }

    @Test
    void readsTheIdentityOfAnUnsignedBundleAndNeedsConsent() throws Exception {
        Path jar = TestBundles.bundle(dir.resolve("a.jar"), "io.example.a;singleton:=true", "1.2.3", Map.of());
        InspectedJar inspected = inspector.inspect(jar, "a.jar");

        assertThat(inspected.symbolicName()).isEqualTo("io.example.a");
        assertThat(inspected.version()).isEqualTo(new Version(1, 2, 3));
        assertThat(inspected.isSigned()).isFalse();
        assertThatThrownBy(() -> decision.decide(inspected, false, "nothing was installed"))
                .isInstanceOf(UntrustedPluginException.class)
                .hasMessage("io.example.a 1.2.3 is not signed by a trusted key (unsigned); nothing was installed. Re-run with --trust"
                        + " to install it anyway, or trust its signer's certificate with 'swarmplace:trust <cert>'.");
        assertThat(decision.decide(inspected, true, "").level()).isEqualTo(Trust.Level.CONSENTED_UNSIGNED);
    }

    @Test
    void acceptsABundleSignedByATrustedCertificateSilently() throws Exception {
        TestSigner alice = TestSigner.create("CN=Alice,O=Example");
        trustStore.trust(alice.writeCertificateDer(dir.resolve("alice.der")));
        Path jar = alice.sign(TestBundles.bundle(dir.resolve("a.jar"), "io.example.a", "1.0.0", Map.of()), dir.resolve("a-signed.jar"));

        InspectedJar inspected = inspector.inspect(jar, "a-signed.jar");

        assertThat(inspected.isSigned()).isTrue();
        Trust trust = decision.decide(inspected, false, "nothing was installed");
        assertThat(trust).isEqualTo(new Trust(Trust.Level.TRUSTED_SIGNER, "CN=Alice,O=Example"));
    }

    @Test
    void treatsAnUnknownSignerAsUntrusted() throws Exception {
        TestSigner mallory = TestSigner.create("CN=Mallory");
        Path jar = mallory.sign(TestBundles.bundle(dir.resolve("m.jar"), "io.example.m", "1.0.0", Map.of()), dir.resolve("m-signed.jar"));

        InspectedJar inspected = inspector.inspect(jar, "m-signed.jar");

        assertThatThrownBy(() -> decision.decide(inspected, false, "nothing was installed"))
                .isInstanceOf(UntrustedPluginException.class)
                .hasMessageContaining("signed by CN=Mallory, which is not trusted");
        assertThat(decision.decide(inspected, true, "")).isEqualTo(new Trust(Trust.Level.CONSENTED_UNTRUSTED_SIGNER, "CN=Mallory"));
    }

    @Test
    void refusesAJarModifiedAfterSigning() throws Exception {
        TestSigner alice = TestSigner.create("CN=Alice");
        Path signed = alice.sign(TestBundles.bundle(dir.resolve("a.jar"), "io.example.a", "1.0.0", Map.of()), dir.resolve("a-signed.jar"));
        Path tampered = TestBundles.rewrite(signed, dir.resolve("a-tampered.jar"),
                Map.of("readme.txt", "evil".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> inspector.inspect(tampered, "a-tampered.jar"))
                .isInstanceOf(TamperedPluginException.class)
                .hasMessageContaining("broken signature");
    }

    @Test
    void refusesAPartlySignedJar() throws Exception {
        TestSigner alice = TestSigner.create("CN=Alice");
        Path signed = alice.sign(TestBundles.bundle(dir.resolve("a.jar"), "io.example.a", "1.0.0", Map.of()), dir.resolve("a-signed.jar"));
        Path extended = TestBundles.rewrite(signed, dir.resolve("a-extended.jar"),
                Map.of("extra/Payload.class", new byte[] {1, 2, 3}));

        assertThatThrownBy(() -> inspector.inspect(extended, "a-extended.jar"))
                .isInstanceOf(TamperedPluginException.class)
                .hasMessageContaining("only partly signed")
                .hasMessageContaining("extra/Payload.class");
    }

    @Test
    void trustStoreKeepsPemAndForgetsBySubject() throws Exception {
        TestSigner alice = TestSigner.create("CN=Alice,O=Example");
        assertThat(trustStore.trust(alice.writeCertificateDer(dir.resolve("alice.der")))).isEqualTo("CN=Alice,O=Example");

        assertThat(trustStore.trustedSubjects()).containsExactly("CN=Alice,O=Example");
        try (var files = Files.list(dir.resolve("trust"))) {
            Path stored = files.findFirst().orElseThrow();
            assertThat(Files.readString(stored)).startsWith("-----BEGIN CERTIFICATE-----");
        }
        assertThat(trustStore.distrust("CN=Alice, O=Example")).isTrue();
        assertThat(trustStore.trustedSubjects()).isEmpty();
    }
}
