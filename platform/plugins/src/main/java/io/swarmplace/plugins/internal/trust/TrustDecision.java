package io.swarmplace.plugins.internal.trust;

import io.swarmplace.plugins.Trust;
import io.swarmplace.plugins.UntrustedPluginException;
import java.security.cert.X509Certificate;
import java.util.List;

/** Turns a jar's signers and the user's consent into the {@link Trust} it is installed with, or a refusal. */
public class TrustDecision {

    private final CertificateTrust certificates;

    public TrustDecision(CertificateTrust certificates) {
        this.certificates = certificates;
    }

    /**
     * @param consent the user said --trust
     * @param nothingDone how the refusal ends, e.g. "nothing was installed"
     */
    public Trust decide(InspectedJar jar, boolean consent, String nothingDone) throws UntrustedPluginException {
        for (List<X509Certificate> chain : jar.signerChains()) {
            if (certificates.isTrusted(chain)) {
                return new Trust(Trust.Level.TRUSTED_SIGNER, FileTrustStore.subjectOf(chain.get(0)));
            }
        }
        String signer = jar.isSigned() ? FileTrustStore.subjectOf(jar.signerChains().get(0).get(0)) : "";
        if (consent) {
            return jar.isSigned()
                    ? new Trust(Trust.Level.CONSENTED_UNTRUSTED_SIGNER, signer)
                    : new Trust(Trust.Level.CONSENTED_UNSIGNED, "");
        }
        String why = jar.isSigned() ? "signed by " + signer + ", which is not trusted" : "unsigned";
        throw new UntrustedPluginException(jar.label() + " is not signed by a trusted key (" + why + "); " + nothingDone
                + ". Re-run with --trust to install it anyway, or trust its signer's certificate with 'swarmplace:trust <cert>'.");
    }
}
