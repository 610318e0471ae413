package io.swarmplace.plugins;

/**
 * A plugin operation failed and was rolled back. The message says what went wrong and what to do.
 */
public class PluginException extends Exception {

    private static final long serialVersionUID = 1L;

    public PluginException(String message) {
        super(message);
    }

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
