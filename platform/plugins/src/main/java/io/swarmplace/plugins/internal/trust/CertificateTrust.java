package io.swarmplace.plugins.internal.trust;

import java.security.cert.X509Certificate;
import java.util.List;

/** Decides whether a jar signer's certificate chain leads to a certificate the node trusts. */
public interface CertificateTrust {

    /**
     * @param chain the signer's chain, leaf first, as {@link java.security.CodeSigner} reports it
     * @return true if some certificate of the chain is trusted and every certificate below it is
     *     really signed by the next one
     */
    boolean isTrusted(List<X509Certificate> chain);
}
