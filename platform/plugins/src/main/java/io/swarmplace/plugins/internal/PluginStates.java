package io.swarmplace.plugins.internal;

import io.swarmplace.plugins.PluginState;
import org.osgi.framework.Bundle;
import org.osgi.framework.startlevel.BundleStartLevel;

/** Translates the framework's bundle state into what a user understands. */
final class PluginStates {

    private PluginStates() {}

    static PluginState of(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.ACTIVE -> PluginState.ACTIVE;
            case Bundle.STARTING -> isLazy(bundle) ? PluginState.RESOLVED : PluginState.TRANSITIONING;
            case Bundle.STOPPING -> PluginState.TRANSITIONING;
            case Bundle.RESOLVED -> isPersistentlyStarted(bundle) ? PluginState.RESOLVED : PluginState.DISABLED;
            default -> PluginState.UNRESOLVED;
        };
    }

    static boolean isPersistentlyStarted(Bundle bundle) {
        BundleStartLevel startLevel = bundle.adapt(BundleStartLevel.class);
        return startLevel != null && startLevel.isPersistentlyStarted();
    }

    private static boolean isLazy(Bundle bundle) {
        BundleStartLevel startLevel = bundle.adapt(BundleStartLevel.class);
        return startLevel != null && startLevel.isActivationPolicyUsed();
    }
}
