package io.swarmplace.tracker.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** A {@link TrackerServer.Config} as Configuration Admin would hand it: the annotation's defaults plus overrides. */
final class TestConfig {

    private final Map<String, Object> values = new HashMap<>();

    static TestConfig loopback() {
        return new TestConfig().with("bindAddress", "127.0.0.1").with("httpPort", 0).with("udpPort", 0);
    }

    TestConfig with(String attribute, Object value) {
        values.put(attribute, value);
        return this;
    }

    TrackerServer.Config config() {
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
                        case "toString" -> "TestConfig" + values;
                        case "hashCode" -> values.hashCode();
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    TrackerSettings settings() {
        return TrackerSettings.from(config());
    }
}
