package io.swarmplace.plugins;

/**
 * Why a plugin may run in the node. Plugins share the node's JVM, so this is the user's only line of
 * defence: it is shown in every listing.
 *
 * @param level the kind of trust
 * @param signer the signer's certificate subject, or empty for an unsigned plugin
 */
public record Trust(Level level, String signer) {

    public enum Level {
        /** Signed by a key in the node's trust store; installed silently. */
        TRUSTED_SIGNER,
        /** Signed by a key the node does not trust; installed because the user consented. */
        CONSENTED_UNTRUSTED_SIGNER,
        /** Not signed; installed because the user consented. */
        CONSENTED_UNSIGNED,
        /** Dropped into the hot-deploy folder by someone with write access to the installation. */
        HOT_DEPLOYED
    }

    public Trust {
        signer = signer == null ? "" : signer;
    }

    /** Short words for listings, e.g. "trusted (CN=Alice)" or "unsigned, consented". */
    public String describe() {
        return switch (level) {
            case TRUSTED_SIGNER -> "trusted (" + signer + ")";
            case CONSENTED_UNTRUSTED_SIGNER -> "untrusted signer " + signer + ", consented";
            case CONSENTED_UNSIGNED -> "unsigned, consented";
            case HOT_DEPLOYED -> "hot-deployed";
        };
    }
}
