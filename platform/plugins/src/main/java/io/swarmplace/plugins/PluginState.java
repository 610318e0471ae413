package io.swarmplace.plugins;

/** Lifecycle state of a plugin, as a user sees it. */
public enum PluginState {
    /** Started and running. */
    ACTIVE,
    /** Installed and resolved, but stopped by the user ({@code disable}). */
    DISABLED,
    /** Installed but its dependencies are missing. */
    UNRESOLVED,
    /** Starting or stopping right now. */
    TRANSITIONING,
    /** Resolved and should run, but is not active (e.g. a lazy activation policy). */
    RESOLVED
}
