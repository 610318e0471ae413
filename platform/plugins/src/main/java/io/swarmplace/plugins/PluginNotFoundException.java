package io.swarmplace.plugins;

/** No installed plugin (or index resource) has the given name. */
public class PluginNotFoundException extends PluginException {

    private static final long serialVersionUID = 1L;

    public PluginNotFoundException(String message) {
        super(message);
    }
}
