package io.swarmplace.plugins;

/**
 * The artifact is not what it claims to be: its checksum differs from the index, or its jar signature
 * is broken. It is refused whatever the user's consent.
 */
public class TamperedPluginException extends PluginException {

    private static final long serialVersionUID = 1L;

    public TamperedPluginException(String message) {
        super(message);
    }
}
