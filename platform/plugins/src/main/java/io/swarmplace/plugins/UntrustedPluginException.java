package io.swarmplace.plugins;

/**
 * The plugin is unsigned or signed by a key the node does not trust: nothing was installed. Install it
 * again with consent ({@code --trust}), or add its signer's certificate to the trust store.
 */
public class UntrustedPluginException extends PluginException {

    private static final long serialVersionUID = 1L;

    public UntrustedPluginException(String message) {
        super(message);
    }
}
