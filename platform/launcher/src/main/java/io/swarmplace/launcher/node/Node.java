package io.swarmplace.launcher.node;

import io.swarmplace.launcher.Installation;
import io.swarmplace.launcher.UserError;
import io.swarmplace.launcher.Version;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Runs a node in this process: embeds Felix with the data directory's cache, brings the core bundles
 * in line with the distribution, starts everything, reports "ready" when every core component is up,
 * and stops every bundle in order on SIGTERM or Ctrl-C.
 */
public final class Node {

    /** How long a graceful stop may take before the process exits anyway. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** The readiness service the node bundle registers; matched by name, no class is shared. */
    private static final String READY_FILTER = "(&(objectClass=io.swarmplace.node.NodeReady)(swarmplace.ready=true))";

    private final Installation installation;
    private final Duration readyTimeout;
    private final PrintStream console;

    public Node(Installation installation, Duration readyTimeout, PrintStream console) {
        this.installation = installation;
        this.readyTimeout = readyTimeout;
        this.console = console;
    }

    /** Runs until the framework stops; returns the process exit code. */
    public int run(boolean interactiveShell) throws IOException, BundleException, InterruptedException {
        installation.requireDistribution();
        try (DataDirectoryLock lock = DataDirectoryLock.acquire(installation.dataDirectory())) {
            Map<String, String> properties = FrameworkProperties.load(installation, interactiveShell);
            Framework framework = new FrameworkFactory().newFramework(properties);
            framework.init();
            synchronizeCoreBundles(framework.getBundleContext());
            Thread stopOnSignal = new Thread(() -> stopGracefully(framework), "swarmplace-stop");
            Runtime.getRuntime().addShutdownHook(stopOnSignal);
            framework.start();
            boolean ready = awaitReady(framework.getBundleContext());
            if (!ready) {
                console.println("Swarmplace did not become ready within " + readyTimeout.toSeconds()
                        + " s; see " + installation.log().resolve("swarmplace.log")
                        + " and 'swarmplace status' for the components that are not up.");
            }
            FrameworkEvent stopped = framework.waitForStop(0);
            removeHook(stopOnSignal);
            console.println("Swarmplace stopped.");
            return stopped.getType() == FrameworkEvent.ERROR ? 1 : 0;
        }
    }

    private void synchronizeCoreBundles(BundleContext context) throws IOException, BundleException, InterruptedException {
        List<Bundle> changed = new CoreBundles(context, installation.coreBundles(), installation.dataDirectory()).synchronize();
        if (!changed.isEmpty()) {
            refresh(context, changed);
        }
    }

    private static void refresh(BundleContext context, Collection<Bundle> bundles) throws InterruptedException {
        CountDownLatch refreshed = new CountDownLatch(1);
        FrameworkListener listener = event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        };
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(bundles, listener);
        if (!refreshed.await(30, TimeUnit.SECONDS)) {
            throw new UserError("The framework did not finish refreshing the core bundles within 30 s.");
        }
    }

    private boolean awaitReady(BundleContext context) throws InterruptedException {
        ServiceTracker<Object, Object> tracker;
        try {
            tracker = new ServiceTracker<>(context, context.createFilter(READY_FILTER), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        tracker.open(true);
        try {
            if (tracker.waitForService(readyTimeout.toMillis()) == null) {
                return false;
            }
        } finally {
            tracker.close();
        }
        long sinceProcessStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        console.println("Swarmplace " + Version.current() + " ready in " + sinceProcessStart + " ms"
                + " (data: " + installation.dataDirectory() + ")");
        return true;
    }

    private void stopGracefully(Framework framework) {
        if ((framework.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
            return;
        }
        console.println("Swarmplace stopping...");
        try {
            framework.stop();
            FrameworkEvent event = framework.waitForStop(STOP_TIMEOUT.toMillis());
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                console.println("Swarmplace: bundles did not stop within " + STOP_TIMEOUT.toSeconds() + " s; exiting anyway.");
            }
        } catch (BundleException | InterruptedException e) {
            console.println("Swarmplace: error while stopping: " + e.getMessage());
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDownAlready) {
            // the hook is running: it stopped the framework, nothing left to remove
        }
    }
}
