package io.swarmplace.node.internal;

import io.swarmplace.node.ComponentProblem;
import io.swarmplace.node.NodeReady;
import io.swarmplace.node.NodeStatus;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Watches the core components until all are up, then announces {@link NodeReady} once. Components
 * come up asynchronously as bundles start, so this polls briefly instead of guessing an order.
 */
@Component(immediate = true, service = NodeStatus.class)
public class NodeStatusMonitor implements NodeStatus {

    private static final Duration POLL = Duration.ofMillis(25);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

    private final BundleContext context;
    private final CoreComponentCheck check;
    private final Logger logger;
    private final Path dataDirectory;
    private final Instant startedAt;
    private final ScheduledExecutorService scheduler;
    private volatile boolean ready;
    private volatile ServiceRegistration<NodeReady> readyRegistration;
    private volatile Instant lastReport = Instant.now();

    @Activate
    public NodeStatusMonitor(
            BundleContext context,
            @Reference ServiceComponentRuntime runtime,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.context = context;
        this.check = new CoreComponentCheck(context, runtime);
        this.logger = logger;
        String data = context.getProperty("swarmplace.data");
        this.dataDirectory = Path.of(data == null ? "." : data).toAbsolutePath();
        this.startedAt = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "swarmplace-readiness"));
        scheduler.scheduleWithFixedDelay(this::poll, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
        ServiceRegistration<NodeReady> registration = readyRegistration;
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregisters services of a stopping bundle itself
            }
        }
    }

    private void poll() {
        List<ComponentProblem> problems = check.problems();
        if (problems.isEmpty()) {
            ready = true;
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(READY_PROPERTY, Boolean.TRUE);
            readyRegistration = context.registerService(NodeReady.class, new NodeReady() {}, properties);
            logger.info("Node ready: every core component is active");
            scheduler.shutdown();
        } else if (Duration.between(lastReport, Instant.now()).compareTo(REPORT_EVERY) >= 0) {
            lastReport = Instant.now();
            logger.warn("Node not ready yet: {}", problems);
        }
    }

    @Override
    public boolean isReady() {
        return ready && check.problems().isEmpty();
    }

    @Override
    public List<ComponentProblem> problems() {
        return check.problems();
    }

    @Override
    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }
}
