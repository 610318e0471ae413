package io.swarmplace.plugins.internal.transaction;

import io.swarmplace.plugins.PluginException;
import io.swarmplace.plugins.internal.resolve.UnresolvedRequirements;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.resolver.Resolver;

/**
 * The framework changes of one plugin operation, remembered so that {@link #rollback()} can undo all
 * of them: bundles installed, and at most one bundle updated (with the jar it had before).
 */
public final class BundleTransaction {

    private final BundleContext context;
    private final Resolver resolver;
    private final PackageRefresher refresher;
    private final int startLevel;
    private final FrameworkSnapshot before;
    private final List<Bundle> installed = new ArrayList<>();
    private UpdatedBundle updated;

    public BundleTransaction(BundleContext context, Resolver resolver, PackageRefresher refresher, int startLevel) {
        this.context = context;
        this.resolver = resolver;
        this.refresher = refresher;
        this.startLevel = startLevel;
        this.before = FrameworkSnapshot.take(context);
    }

    /** Installs {@code jar} at the plugin start level, without starting it. */
    public Bundle install(String location, Path jar, String label) throws PluginException {
        if (context.getBundle(location) != null) {
            // installBundle would silently return the existing bundle for a known location
            throw new PluginException(label + " cannot be installed: a bundle with location " + location
                    + " already exists. Use 'swarmplace:update' to replace it.");
        }
        try (InputStream in = Files.newInputStream(jar)) {
            Bundle bundle = context.installBundle(location, in);
            installed.add(bundle);
            bundle.adapt(BundleStartLevel.class).setStartLevel(startLevel);
            return bundle;
        } catch (BundleException e) {
            throw new PluginException(label + " cannot be installed: " + e.getMessage());
        } catch (IOException e) {
            throw new PluginException("cannot read " + jar + ": " + e.getMessage());
        }
    }

    /**
     * Replaces {@code bundle}'s jar, keeping {@code previousJar} to go back to. The bundle is stopped
     * transiently first so that the framework does not restart it on its own and swallow a start error.
     */
    public void update(Bundle bundle, Path newJar, Path previousJar, boolean restart, String label) throws PluginException {
        updated = new UpdatedBundle(bundle, previousJar, restart);
        try (InputStream in = Files.newInputStream(newJar)) {
            if (bundle.getState() == Bundle.ACTIVE || bundle.getState() == Bundle.STARTING) {
                bundle.stop(Bundle.STOP_TRANSIENT);
            }
            bundle.update(in);
        } catch (BundleException e) {
            throw new PluginException(label + " cannot be updated: " + e.getMessage());
        } catch (IOException e) {
            throw new PluginException("cannot read " + newJar + ": " + e.getMessage());
        }
        refresh(List.of(bundle));
    }

    /** Resolves every changed bundle, or says which requirement is missing. */
    public void resolve() throws PluginException {
        List<Bundle> changed = changedBundles();
        if (refresher.resolve(changed)) {
            return;
        }
        List<BundleRevision> unresolved = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Bundle bundle : changed) {
            if (bundle.getState() == Bundle.INSTALLED) {
                unresolved.add(bundle.adapt(BundleRevision.class));
                names.add(bundle.getSymbolicName() + " " + bundle.getVersion());
            }
        }
        throw new PluginException(String.join(", ", names) + " cannot be resolved: "
                + UnresolvedRequirements.explain(context, resolver, unresolved) + ".");
    }

    /** Starts (persistently) the given bundles in order: dependencies first, the plugin last. */
    public void start(List<Bundle> inOrder) throws PluginException {
        for (Bundle bundle : inOrder) {
            try {
                bundle.start();
            } catch (BundleException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new PluginException(bundle.getSymbolicName() + " " + bundle.getVersion() + " failed to start: "
                        + describe(cause) + ".");
            }
        }
    }

    /**
     * Undoes everything: restores the updated bundle from its previous jar, uninstalls the bundles this
     * transaction installed, refreshes, and restarts the updated bundle if it was running.
     *
     * @return what could not be restored, in words; empty when the framework is as it was
     */
    public String rollback() {
        List<String> problems = new ArrayList<>();
        Set<Bundle> toRefresh = new LinkedHashSet<>();
        if (updated != null) {
            Bundle bundle = updated.bundle();
            toRefresh.add(bundle);
            try (InputStream in = Files.newInputStream(updated.previousJar())) {
                if (bundle.getState() == Bundle.ACTIVE || bundle.getState() == Bundle.STARTING) {
                    bundle.stop(Bundle.STOP_TRANSIENT);
                }
                bundle.update(in);
            } catch (BundleException | IOException | IllegalStateException e) {
                problems.add("restoring the previous version of " + bundle.getSymbolicName() + " failed: " + e.getMessage());
            }
        }
        List<Bundle> reversed = new ArrayList<>(installed);
        Collections.reverse(reversed);
        for (Bundle bundle : reversed) {
            toRefresh.add(bundle);
            try {
                bundle.uninstall();
            } catch (BundleException | IllegalStateException e) {
                problems.add("uninstalling " + bundle.getSymbolicName() + " failed: " + e.getMessage());
            }
        }
        if (!toRefresh.isEmpty() && !refresher.refresh(toRefresh)) {
            problems.add("the framework did not finish refreshing within " + refresher.timeout().toSeconds() + " s");
        }
        if (updated != null && updated.restart()) {
            try {
                updated.bundle().start();
            } catch (BundleException | IllegalStateException e) {
                problems.add("the previous version of " + updated.bundle().getSymbolicName() + " did not start again: "
                        + describe(e.getCause() != null ? e.getCause() : e));
            }
        }
        installed.clear();
        updated = null;
        String difference = FrameworkSnapshot.take(context).differencesFrom(before);
        if (problems.isEmpty() && !difference.isEmpty()) {
            problems.add(difference);
        }
        return String.join("; ", problems);
    }

    /** Refreshes after the framework state changed, so later steps see the new wiring. */
    public void refresh(List<Bundle> bundles) throws PluginException {
        if (!refresher.refresh(bundles)) {
            throw new PluginException("the framework did not finish refreshing bundles within " + refresher.timeout().toSeconds()
                    + " s. Raise refresh_timeout_seconds in configuration io.swarmplace.plugins if the node is very busy.");
        }
    }

    public List<Bundle> installed() {
        return List.copyOf(installed);
    }

    private List<Bundle> changedBundles() {
        List<Bundle> changed = new ArrayList<>(installed);
        if (updated != null) {
            changed.add(updated.bundle());
        }
        return changed;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getName() : cause.getClass().getSimpleName() + ": " + message;
    }

    private record UpdatedBundle(Bundle bundle, Path previousJar, boolean restart) {}
}
