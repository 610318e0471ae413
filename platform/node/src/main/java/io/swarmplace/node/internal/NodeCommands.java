package io.swarmplace.node.internal;

import io.swarmplace.node.ComponentProblem;
import io.swarmplace.node.NodeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Shell commands {@code swarmplace:status} and {@code swarmplace:shutdown}. */
@Component(
        service = NodeCommands.class,
        property = {
            "osgi.command.scope=swarmplace",
            "osgi.command.function=status",
            "osgi.command.function=shutdown"
        })
public class NodeCommands {

    private final BundleContext context;
    private final NodeStatus status;

    @Activate
    public NodeCommands(BundleContext context, @Reference NodeStatus status) {
        this.context = context;
        this.status = status;
    }

    @Descriptor("shows whether the node is ready, its uptime, data directory and bundles")
    public String status() {
        List<ComponentProblem> problems = status.problems();
        Bundle[] bundles = context.getBundles();
        long active = Arrays.stream(bundles).filter(b -> b.getState() == Bundle.ACTIVE).count();
        StringBuilder out = new StringBuilder()
                .append("Swarmplace node ").append(property("swarmplace.version", "(unknown version)")).append('\n')
                .append("  state:   ").append(problems.isEmpty() ? "ready" : "not ready").append('\n')
                .append("  uptime:  ").append(humanDuration(Duration.between(status.startedAt(), Instant.now()))).append('\n')
                .append("  pid:     ").append(ProcessHandle.current().pid()).append('\n')
                .append("  data:    ").append(status.dataDirectory()).append('\n')
                .append("  bundles: ").append(bundles.length).append(" installed, ").append(active).append(" active");
        for (ComponentProblem problem : problems) {
            out.append("\n  problem: ").append(problem);
        }
        return out.toString();
    }

    @Descriptor("stops every bundle in order and exits the node")
    public String shutdown() {
        Bundle framework = context.getBundle(0);
        // Stopping from a separate thread lets this command's answer reach the caller first.
        Thread stopper = new Thread(() -> {
            try {
                framework.stop();
            } catch (BundleException e) {
                throw new IllegalStateException("could not stop the framework", e);
            }
        }, "swarmplace-shutdown");
        stopper.start();
        return "Node is shutting down";
    }

    private String property(String key, String fallback) {
        String value = context.getProperty(key);
        return value == null ? fallback : value;
    }

    static String humanDuration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m " + seconds % 60 + "s";
        }
        return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
    }
}
