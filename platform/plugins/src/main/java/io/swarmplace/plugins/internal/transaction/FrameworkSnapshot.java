package io.swarmplace.plugins.internal.transaction;

import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The installed bundles and their states at one moment, to prove (and tell) that a rollback put the
 * framework back exactly as it was.
 */
public record FrameworkSnapshot(Map<Long, String> bundles) {

    public FrameworkSnapshot {
        bundles = Map.copyOf(bundles);
    }

    public static FrameworkSnapshot take(BundleContext context) {
        Map<Long, String> bundles = new TreeMap<>();
        for (Bundle bundle : context.getBundles()) {
            bundles.put(bundle.getBundleId(), bundle.getSymbolicName() + " " + bundle.getVersion() + " " + stateName(bundle.getState()));
        }
        return new FrameworkSnapshot(bundles);
    }

    /** What differs from {@code before}, in words; empty if nothing does. */
    public String differencesFrom(FrameworkSnapshot before) {
        StringBuilder out = new StringBuilder();
        Map<Long, String> all = new TreeMap<>(before.bundles);
        all.putAll(bundles);
        for (Long id : all.keySet()) {
            String was = before.bundles.get(id);
            String now = bundles.get(id);
            if (was == null) {
                out.append("bundle ").append(id).append(" (").append(now).append(") is still installed; ");
            } else if (now == null) {
                out.append("bundle ").append(id).append(" (").append(was).append(") is gone; ");
            } else if (!was.equals(now)) {
                out.append("bundle ").append(id).append(" was ").append(was).append(", is ").append(now).append("; ");
            }
        }
        return out.toString().strip();
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "STATE-" + state;
        };
    }
}
