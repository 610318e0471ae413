package io.swarmplace.torrent.internal.engine;

import io.swarmplace.tracker.SwarmStats;
import io.swarmplace.tracker.TrackerCounters;
import io.swarmplace.tracker.internal.TrackerServer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Our own tracker server (plugins/tracker) on 127.0.0.1, HTTP and UDP on free ports, run outside OSGi the
 * way its own tests run it: the component's configuration annotation answered by a proxy.
 */
final class InteropTracker implements AutoCloseable {

    private static final Map<String, Object> LOOPBACK = Map.of("bindAddress", "127.0.0.1", "httpPort", 0, "udpPort", 0);

    private final TrackerServer server;

    private InteropTracker(TrackerServer server) {
        this.server = server;
    }

    static InteropTracker start() throws InterruptedException {
        return new InteropTracker(new TrackerServer(config(LOOPBACK)));
    }

    URI httpAnnounce() {
        return server.httpAnnounceUri().orElseThrow();
    }

    URI udpAnnounce() {
        return server.udpAnnounceUri().orElseThrow();
    }

    List<SwarmStats> swarms() {
        return server.swarms();
    }

    Optional<SwarmStats> swarm(String infoHashHex) {
        return server.swarm(infoHashHex);
    }

    int seeders(String infoHashHex) {
        return swarm(infoHashHex).map(SwarmStats::seeders).orElse(0);
    }

    long completed(String infoHashHex) {
        return swarm(infoHashHex).map(SwarmStats::completed).orElse(0L);
    }

    TrackerCounters counters() {
        return server.counters();
    }

    /** Stops it as Declarative Services would: its deactivate method is package-private to the tracker bundle. */
    @Override
    public void close() {
        try {
            Method deactivate = TrackerServer.class.getDeclaredMethod("deactivate");
            deactivate.setAccessible(true);
            deactivate.invoke(server);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("TrackerServer has no deactivate() this test can call: " + e, e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("stopping the tracker failed: " + e.getCause(), e.getCause());
        }
    }

    private static TrackerServer.Config config(Map<String, Object> values) {
        return (TrackerServer.Config) Proxy.newProxyInstance(TrackerServer.Config.class.getClassLoader(),
                new Class<?>[] {TrackerServer.Config.class}, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return switch (method.getName()) {
                        case "annotationType" -> TrackerServer.Config.class;
                        case "toString" -> "InteropTracker" + values;
                        case "hashCode" -> values.hashCode();
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }
}
