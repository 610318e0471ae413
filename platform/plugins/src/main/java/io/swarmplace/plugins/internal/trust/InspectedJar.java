package io.swarmplace.plugins.internal.trust;

import java.security.cert.X509Certificate;
import java.util.List;
import org.osgi.framework.Version;

/**
 * What a jar claims to be and who signed it.
 *
 * @param symbolicName the Bundle-SymbolicName without directives
 * @param version the Bundle-Version
 * @param signerChains the certificate chains (leaf first) that signed every entry; empty if unsigned
 */
public record InspectedJar(String symbolicName, Version version, List<List<X509Certificate>> signerChains) {

    public InspectedJar {
        signerChains = List.copyOf(signerChains);
    }

    public boolean isSigned() {
        return !signerChains.isEmpty();
    }

    /** "io.example.x 1.0.0", how messages name a bundle. */
    public String label() {
        return symbolicName + " " + version;
    }
}
