package io.swarmplace.node;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The node's health as other bundles and the shell see it. */
@ProviderType
public interface NodeStatus {

    /**
     * Service property set on the {@link NodeReady} registration; the launcher waits for it without
     * sharing any class with the bundles.
     */
    String READY_PROPERTY = "swarmplace.ready";

    /**
     * Component property: a core component with it set to {@code true} does not hold back readiness while
     * it waits for a service. For bridges to an optional bundle, such as the torrent engine's link to the
     * DHT, which a node without that bundle never satisfies. Bundles may set it as a literal, so they need
     * not depend on this package.
     */
    String NOT_NEEDED_FOR_READY_PROPERTY = "swarmplace.ready.optional";

    /** True once every component of every core bundle is active (or satisfied, for delayed ones). */
    boolean isReady();

    /** Core components that are not up, with the reason; empty when the node is ready. */
    List<ComponentProblem> problems();

    Path dataDirectory();

    Instant startedAt();
}
