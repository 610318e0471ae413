package io.swarmplace.torrent.bench;

import io.swarmplace.torrent.TorrentService;
import io.swarmplace.torrent.internal.engine.EngineConfig;
import io.swarmplace.torrent.internal.engine.TorrentEngine;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;

/**
 * Our engine as a user gets it: the production defaults of {@link EngineConfig} (network and disk threads,
 * read cache, request limits), listening on 127.0.0.1. Built outside OSGi through the engine's test
 * constructor, which is package-private like its deactivate method; the benchmark lives in its own package
 * (it is not a unit test), so it reaches both by reflection.
 */
final class EngineUnderTest implements AutoCloseable {

    private final TorrentEngine engine;
    private final Method deactivate;

    EngineUnderTest(Path downloads, Path state) {
        this(downloads, state, Map.of());
    }

    /** With some settings changed, by name, e.g. {@code incomingEncryption -> EncryptionPolicy.DISABLED}. */
    EngineUnderTest(Path downloads, Path state, Map<String, Object> settings) {
        try {
            Constructor<TorrentEngine> constructor = TorrentEngine.class.getDeclaredConstructor(EngineConfig.class, Path.class, Path.class);
            constructor.setAccessible(true);
            deactivate = TorrentEngine.class.getDeclaredMethod("deactivate");
            deactivate.setAccessible(true);
            engine = constructor.newInstance(loopbackDefaults(settings), downloads, state);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the engine did not start: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the engine's test constructor (EngineConfig, Path, Path) or deactivate() changed: " + e, e);
        }
    }

    TorrentService service() {
        return engine;
    }

    int listenPort() {
        return engine.status().listenAddress().getPort();
    }

    @Override
    public void close() {
        try {
            deactivate.invoke(engine);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not stop the engine: " + e, e);
        }
    }

    /** Every setting at its production default or as in {@code settings}, except the addresses: loopback only, a free port. */
    static EngineConfig loopbackDefaults(Map<String, Object> settings) {
        Map<String, Object> overrides = new java.util.HashMap<>(settings);
        overrides.putAll(Map.of("listenAddress", "127.0.0.1", "listenPort", 0, "outgoingAddress", "127.0.0.1"));
        return (EngineConfig) Proxy.newProxyInstance(EngineConfig.class.getClassLoader(), new Class<?>[] {EngineConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> EngineConfig.class;
                    case "toString" -> "EngineConfig(defaults + " + overrides + ")";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> overrides.containsKey(method.getName()) ? overrides.get(method.getName()) : method.getDefaultValue();
                });
    }
}
