package io.swarmplace.plugins.internal;

import io.swarmplace.plugins.InstallRequest;
import io.swarmplace.plugins.PluginException;
import io.swarmplace.plugins.PluginInfo;
import io.swarmplace.plugins.PluginManager;
import io.swarmplace.plugins.PluginNotFoundException;
import io.swarmplace.plugins.Trust;
import io.swarmplace.plugins.internal.transaction.BundleTransaction;
import io.swarmplace.plugins.internal.transaction.PackageRefresher;
import io.swarmplace.plugins.internal.trust.CertificateTrust;
import io.swarmplace.plugins.internal.trust.TrustDecision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.resolver.Resolver;

/**
 * The plugin manager over the running OSGi framework. One lock serialises every operation, so two
 * installs never see each other's half-done state; each operation runs as a {@link BundleTransaction}
 * and only writes the registry once the framework is in its new state.
 */
@Component(service = PluginManager.class, configurationPid = FrameworkPluginManager.PID)
@Designate(ocd = PluginsConfig.class)
public class FrameworkPluginManager implements PluginManager {

    public static final String PID = "io.swarmplace.plugins";
    public static final String STARTLEVEL_PROPERTY = "swarmplace.plugins.startlevel";
    static final int DEFAULT_STARTLEVEL = 80;
    /** Bundle locations of plugins and their dependencies: the prefix plus the symbolic name. */
    static final String LOCATION_PREFIX = "swarmplace-plugin:";

    private static final String NOT_INSTALLED = "nothing was installed";
    private static final String NOT_CHANGED = "nothing was changed";

    private final Object lock = new Object();
    private final BundleContext context;
    private final Resolver resolver;
    private final PluginDirectories directories;
    private final PluginRegistry registry;
    private final ArtifactDownloader downloader;
    private final InstallPlanner planner;
    private final PackageRefresher refresher;
    private final HotDeployFolder hotDeploy;
    private final int pluginStartLevel;

    @Activate
    public FrameworkPluginManager(
            BundleContext context, @Reference Resolver resolver, @Reference CertificateTrust trust, PluginsConfig config)
            throws PluginException {
        this(context, resolver, trust, PluginSettings.from(config));
    }

    public FrameworkPluginManager(BundleContext context, Resolver resolver, CertificateTrust trust, PluginSettings settings)
            throws PluginException {
        this.context = context;
        this.resolver = resolver;
        this.directories = PluginDirectories.under(context.getProperty(PluginDirectories.DATA_PROPERTY));
        this.registry = new PluginRegistry(directories.registryFile());
        this.downloader = new ArtifactDownloader(directories.tmp(), settings);
        this.planner = new InstallPlanner(context, resolver, downloader, new TrustDecision(trust));
        this.refresher = new PackageRefresher(context, settings.refreshTimeout());
        this.hotDeploy = new HotDeployFolder(context.getProperty(HotDeployFolder.PROPERTY));
        this.pluginStartLevel = startLevel(context.getProperty(STARTLEVEL_PROPERTY));
        registry.load();
        // Someone may have uninstalled a plugin with the bare framework shell; forget it.
        registry.removeIf(entry -> bundleOf(entry).isEmpty());
    }

    @Deactivate
    void deactivate() {
        downloader.close();
    }

    @Override
    public PluginInfo install(InstallRequest request) throws PluginException {
        synchronized (lock) {
            try (TempFiles temp = new TempFiles()) {
                if (request.isIndex()) {
                    refuseIfInstalled(request.resourceName().orElseThrow());
                }
                InstallPlan plan = planner.plan(request, temp, NOT_INSTALLED);
                refuseIfInstalled(plan.plugin().name());
                BundleTransaction transaction = newTransaction();
                try {
                    List<Bundle> bundles = new ArrayList<>();
                    List<RegistryEntry.Dependency> dependencies = new ArrayList<>();
                    for (Artifact dependency : plan.dependencies()) {
                        Bundle bundle = transaction.install(location(dependency), dependency.file(), dependency.jar().label());
                        bundles.add(bundle);
                        dependencies.add(new RegistryEntry.Dependency(dependency.name(), bundle.getBundleId(), bundle.getLocation(), dependency.sha256()));
                    }
                    Bundle plugin = transaction.install(location(plan.plugin()), plan.plugin().file(), plan.plugin().jar().label());
                    bundles.add(plugin);
                    transaction.resolve();
                    transaction.start(bundles);
                    for (Artifact artifact : allOf(plan)) {
                        keep(artifact);
                    }
                    RegistryEntry entry = new RegistryEntry(plan.plugin().name(), plugin.getBundleId(), plugin.getLocation(),
                            plan.source(), plan.plugin().trust(), plan.plugin().sha256(), dependencies);
                    registry.put(entry);
                    return info(entry, plugin);
                } catch (PluginException | RuntimeException e) {
                    throw rolledBack(transaction, e, NOT_INSTALLED);
                }
            }
        }
    }

    @Override
    public PluginInfo update(String name, InstallRequest request) throws PluginException {
        synchronized (lock) {
            RegistryEntry entry = managedEntry(name, "update");
            Bundle bundle = bundleOf(entry).orElseThrow();
            if (request.isIndex() && !request.resourceName().orElseThrow().equals(name)) {
                throw new PluginException("cannot update " + name + " with " + request.resourceName().get()
                        + ": they are different plugins. Install it instead.");
            }
            Path previousJar = directories.storedJar(entry.sha256());
            if (!Files.isRegularFile(previousJar)) {
                throw new PluginException("cannot update " + name + " safely: its installed jar " + previousJar
                        + " is missing, so a failed update could not be undone. Remove the plugin and install the new version instead.");
            }
            try (TempFiles temp = new TempFiles()) {
                InstallPlan plan = planner.plan(request, temp, NOT_CHANGED);
                if (!plan.plugin().name().equals(name)) {
                    throw new PluginException(plan.plugin().origin() + " contains " + plan.plugin().jar().label() + ", not " + name
                            + "; " + NOT_CHANGED + ". Install it as a separate plugin instead.");
                }
                boolean wasRunning = bundle.getState() == Bundle.ACTIVE || PluginStates.isPersistentlyStarted(bundle);
                BundleTransaction transaction = newTransaction();
                try {
                    List<Bundle> toStart = new ArrayList<>();
                    List<RegistryEntry.Dependency> dependencies = new ArrayList<>(entry.dependencies());
                    for (Artifact dependency : plan.dependencies()) {
                        Bundle installed = transaction.install(location(dependency), dependency.file(), dependency.jar().label());
                        toStart.add(installed);
                        dependencies.add(new RegistryEntry.Dependency(dependency.name(), installed.getBundleId(), installed.getLocation(), dependency.sha256()));
                    }
                    transaction.update(bundle, plan.plugin().file(), previousJar, wasRunning, plan.plugin().jar().label());
                    transaction.resolve();
                    if (wasRunning) {
                        toStart.add(bundle);
                    }
                    transaction.start(toStart);
                    for (Artifact artifact : allOf(plan)) {
                        keep(artifact);
                    }
                    RegistryEntry updated = new RegistryEntry(name, bundle.getBundleId(), bundle.getLocation(), plan.source(),
                            plan.plugin().trust(), plan.plugin().sha256(), dependencies);
                    registry.put(updated);
                    forgetStoredJar(entry.sha256());
                    return info(updated, bundle);
                } catch (PluginException | RuntimeException e) {
                    throw rolledBack(transaction, e, "the previous version " + entry.name() + " is still installed"
                            + (wasRunning ? " and running" : ""));
                }
            }
        }
    }

    @Override
    public void remove(String name) throws PluginException {
        synchronized (lock) {
            RegistryEntry entry = managedEntry(name, "remove");
            Bundle plugin = bundleOf(entry).orElseThrow();
            List<String> users = usersOf(plugin, Set.of(plugin));
            if (!users.isEmpty()) {
                throw new PluginException(name + " is used by " + String.join(", ", users) + "; remove those first. Nothing was removed.");
            }
            Set<Bundle> removed = new LinkedHashSet<>();
            removed.add(plugin);
            removed.addAll(unusedDependencies(entry, removed));
            try {
                for (Bundle bundle : removed) {
                    bundle.uninstall();
                }
            } catch (BundleException e) {
                throw new PluginException("removing " + name + " failed: " + e.getMessage());
            }
            if (!refresher.refresh(removed)) {
                throw new PluginException(name + " was uninstalled but the framework did not finish refreshing within "
                        + refresher.timeout().toSeconds() + " s; it may still be finishing in the background.");
            }
            registry.remove(name);
            forgetStoredJar(entry.sha256());
            for (RegistryEntry.Dependency dependency : entry.dependencies()) {
                if (removed.stream().anyMatch(b -> b.getBundleId() == dependency.bundleId())) {
                    forgetStoredJar(dependency.sha256());
                }
            }
        }
    }

    @Override
    public PluginInfo enable(String name) throws PluginException {
        synchronized (lock) {
            Bundle bundle = pluginBundle(name);
            try {
                bundle.start();
            } catch (BundleException e) {
                undoPersistentStart(bundle);
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new PluginException(name + " could not be started: " + cause.getMessage() + ". It stays disabled.");
            }
            return describe(bundle);
        }
    }

    @Override
    public PluginInfo disable(String name) throws PluginException {
        synchronized (lock) {
            Bundle bundle = pluginBundle(name);
            try {
                bundle.stop();
            } catch (BundleException e) {
                // The framework stops the bundle even when its activator complains.
                throw new PluginException(name + " is disabled, but its activator reported an error while stopping: " + e.getMessage());
            }
            return describe(bundle);
        }
    }

    @Override
    public List<PluginInfo> list() {
        synchronized (lock) {
            resolveStoppedPlugins();
            List<PluginInfo> plugins = new ArrayList<>();
            Set<Long> managed = new HashSet<>();
            for (RegistryEntry entry : registry.entries()) {
                Optional<Bundle> bundle = bundleOf(entry);
                if (bundle.isPresent()) {
                    managed.add(entry.bundleId());
                    plugins.add(info(entry, bundle.get()));
                }
            }
            for (Bundle bundle : context.getBundles()) {
                if (!managed.contains(bundle.getBundleId()) && isPlugin(bundle)) {
                    hotDeploy.fileOf(bundle).ifPresent(file -> plugins.add(hotDeployedInfo(bundle, file)));
                }
            }
            plugins.sort(java.util.Comparator.comparing(PluginInfo::name));
            return plugins;
        }
    }

    /**
     * The framework resolves bundles lazily: after a restart a disabled plugin stays INSTALLED until
     * something asks. Asking here tells a disabled plugin apart from one whose dependencies are missing.
     */
    private void resolveStoppedPlugins() {
        List<Bundle> installed = Arrays.stream(context.getBundles())
                .filter(bundle -> bundle.getState() == Bundle.INSTALLED && isPlugin(bundle))
                .toList();
        if (!installed.isEmpty()) {
            context.getBundle(0).adapt(FrameworkWiring.class).resolveBundles(installed);
        }
    }

    private BundleTransaction newTransaction() {
        return new BundleTransaction(context, resolver, refresher, pluginStartLevel);
    }

    /** Rolls back and returns the exception to throw: the original, or one that also says what rollback could not undo. */
    private static PluginException rolledBack(BundleTransaction transaction, Exception failure, String outcome) {
        String leftovers = transaction.rollback();
        String said = Character.toUpperCase(outcome.charAt(0)) + outcome.substring(1) + ".";
        PluginException exception;
        if (failure instanceof PluginException plugin) {
            // subclasses (tampered, untrusted) already say what happened; plain failures get the outcome
            exception = plugin.getClass() == PluginException.class
                    ? new PluginException(plugin.getMessage() + " " + said, plugin.getCause())
                    : plugin;
        } else {
            exception = new PluginException("unexpected failure (" + failure + "). " + said, failure);
        }
        if (leftovers.isEmpty()) {
            return exception;
        }
        return new PluginException(exception.getMessage() + " Rolling back was incomplete: " + leftovers
                + ". Check 'swarmplace:plugins' and the log.", exception);
    }

    private void refuseIfInstalled(String name) throws PluginException {
        if (registry.find(name).isPresent()) {
            throw new PluginException(name + " is already installed; nothing was installed. Use 'swarmplace:update " + name
                    + " <jar-or-url>' (or 'swarmplace:update --index <url> " + name + "') to change its version.");
        }
        for (Bundle bundle : context.getBundles()) {
            if (name.equals(bundle.getSymbolicName())) {
                String how = hotDeploy.fileOf(bundle).map(f -> "from the hot-deploy folder (" + f + ")")
                        .orElse(isPlugin(bundle) ? "by other means" : "as a core bundle of the node");
                throw new PluginException(name + " " + bundle.getVersion() + " is already installed " + how + "; nothing was installed.");
            }
        }
    }

    /** The registry entry of a plugin this manager installed, or an error saying why it cannot be changed. */
    private RegistryEntry managedEntry(String name, String operation) throws PluginException {
        Optional<RegistryEntry> entry = registry.find(name).filter(e -> bundleOf(e).isPresent());
        if (entry.isPresent()) {
            return entry.get();
        }
        for (Bundle bundle : context.getBundles()) {
            if (name.equals(bundle.getSymbolicName())) {
                Optional<Path> file = hotDeploy.fileOf(bundle);
                if (file.isPresent()) {
                    String instead = operation.equals("remove") ? "delete " + file.get() : "replace " + file.get() + " with the new jar";
                    throw new PluginException(name + " was hot-deployed; to " + operation + " it, " + instead + ".");
                }
                if (!isPlugin(bundle)) {
                    throw new PluginException(name + " is a core bundle of the node, not a plugin; it cannot be changed with plugin commands.");
                }
            }
        }
        throw notFound(name);
    }

    /** The bundle of an installed or hot-deployed plugin (never a core bundle). */
    private Bundle pluginBundle(String name) throws PluginException {
        Optional<Bundle> managed = registry.find(name).flatMap(this::bundleOf);
        if (managed.isPresent()) {
            return managed.get();
        }
        for (Bundle bundle : context.getBundles()) {
            if (name.equals(bundle.getSymbolicName()) && isPlugin(bundle) && hotDeploy.fileOf(bundle).isPresent()) {
                return bundle;
            }
        }
        throw notFound(name);
    }

    private static PluginNotFoundException notFound(String name) {
        return new PluginNotFoundException("no plugin named " + name + " is installed; 'swarmplace:plugins' lists the installed plugins.");
    }

    private PluginInfo describe(Bundle bundle) {
        return registry.find(bundle.getSymbolicName())
                .filter(e -> e.bundleId() == bundle.getBundleId())
                .map(e -> info(e, bundle))
                .orElseGet(() -> hotDeployedInfo(bundle, hotDeploy.fileOf(bundle).orElse(Path.of(bundle.getLocation()))));
    }

    private static PluginInfo info(RegistryEntry entry, Bundle bundle) {
        return new PluginInfo(entry.name(), bundle.getVersion().toString(), PluginStates.of(bundle), entry.source(), entry.trust(),
                entry.dependencyNames(), bundle.getBundleId());
    }

    private static PluginInfo hotDeployedInfo(Bundle bundle, Path file) {
        return new PluginInfo(bundle.getSymbolicName(), bundle.getVersion().toString(), PluginStates.of(bundle),
                "hot-deploy:" + file.getFileName(), new Trust(Trust.Level.HOT_DEPLOYED, ""), List.of(), bundle.getBundleId());
    }

    private Optional<Bundle> bundleOf(RegistryEntry entry) {
        Bundle bundle = context.getBundle(entry.bundleId());
        return bundle != null && bundle.getLocation().equals(entry.location()) ? Optional.of(bundle) : Optional.empty();
    }

    /** Core bundles start before the plugin start level and are never touched. */
    private boolean isPlugin(Bundle bundle) {
        BundleStartLevel startLevel = bundle.adapt(BundleStartLevel.class);
        return bundle.getBundleId() != 0 && startLevel != null && startLevel.getStartLevel() >= pluginStartLevel;
    }

    /** Dependencies of {@code entry} that no bundle outside {@code leaving} and no other plugin needs. */
    private List<Bundle> unusedDependencies(RegistryEntry entry, Set<Bundle> leaving) {
        Set<Long> claimedByOthers = new HashSet<>();
        for (RegistryEntry other : registry.entries()) {
            if (!other.name().equals(entry.name())) {
                other.dependencies().forEach(d -> claimedByOthers.add(d.bundleId()));
            }
        }
        List<Bundle> candidates = new ArrayList<>();
        for (RegistryEntry.Dependency dependency : entry.dependencies()) {
            Bundle bundle = context.getBundle(dependency.bundleId());
            if (bundle != null && bundle.getLocation().equals(dependency.location()) && !claimedByOthers.contains(dependency.bundleId())) {
                candidates.add(bundle);
            }
        }
        // A dependency may only be used by another dependency that also leaves; repeat until stable.
        List<Bundle> unused = new ArrayList<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Bundle candidate : candidates) {
                Set<Bundle> alsoLeaving = new HashSet<>(leaving);
                alsoLeaving.addAll(unused);
                alsoLeaving.add(candidate);
                if (!unused.contains(candidate) && usersOf(candidate, alsoLeaving).isEmpty()) {
                    unused.add(candidate);
                    changed = true;
                }
            }
        }
        return unused;
    }

    /** Names of bundles outside {@code leaving} wired to {@code bundle}. */
    private static List<String> usersOf(Bundle bundle, Set<Bundle> leaving) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring == null) {
            return List.of();
        }
        Set<String> users = new LinkedHashSet<>();
        for (BundleWire wire : wiring.getProvidedWires(null)) {
            Bundle requirer = wire.getRequirerWiring().getBundle();
            if (!leaving.contains(requirer) && requirer.getBundleId() != bundle.getBundleId()) {
                users.add(requirer.getSymbolicName());
            }
        }
        return List.copyOf(users);
    }

    private void undoPersistentStart(Bundle bundle) {
        try {
            bundle.stop();
        } catch (BundleException | IllegalStateException ignored) {
            // it is not running; this only clears the "start on boot" mark the failed start left
        }
    }

    /** Keeps a copy of an installed jar so that a later failed update can go back to it. */
    private void keep(Artifact artifact) throws PluginException {
        Path target = directories.storedJar(artifact.sha256());
        try {
            if (!Files.exists(target)) {
                Path partial = Files.createTempFile(directories.store(), "jar-", ".tmp");
                Files.copy(artifact.file(), partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new PluginException("cannot keep a copy of " + artifact.jar().label() + " in " + directories.store() + ": "
                    + e.getMessage() + ". Check free space of the data directory.");
        }
    }

    /** Deletes a stored jar no registry entry refers to any more. */
    private void forgetStoredJar(String sha256) {
        boolean stillUsed = registry.entries().stream().anyMatch(e -> e.sha256().equals(sha256)
                || e.dependencies().stream().anyMatch(d -> d.sha256().equals(sha256)));
        if (!stillUsed) {
            try {
                Files.deleteIfExists(directories.storedJar(sha256));
            } catch (IOException ignored) {
                // an orphaned copy only costs disk space
            }
        }
    }

    private static List<Artifact> allOf(InstallPlan plan) {
        List<Artifact> all = new ArrayList<>(plan.dependencies());
        all.add(plan.plugin());
        return all;
    }

    private static String location(Artifact artifact) {
        return LOCATION_PREFIX + artifact.name();
    }

    private static int startLevel(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_STARTLEVEL;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("the framework property " + STARTLEVEL_PROPERTY + " must be a number, not '" + value + "'", e);
        }
    }
}
