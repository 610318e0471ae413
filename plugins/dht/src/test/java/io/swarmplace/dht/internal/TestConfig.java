package io.swarmplace.dht.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** A {@link DhtNode.Config} as Configuration Admin would hand it: the annotation's defaults plus overrides. */
final class TestConfig {

    private final Map<String, Object> values = new HashMap<>();

    /** 127.0.0.1, a free port, private-network mode, no bootstrap nodes. */
    static TestConfig loopback() {
        return new TestConfig().with("bindAddress", new String[] {"127.0.0.1"}).with("port", 0).with("privateNetwork", true)
                .with("bootstrapNodes", new String[0]);
    }

    TestConfig with(String attribute, Object value) {
        values.put(attribute, value);
        return this;
    }

    DhtNode.Config config() {
        return (DhtNode.Config) Proxy.newProxyInstance(DhtNode.Config.class.getClassLoader(),
                new Class<?>[] {DhtNode.Config.class}, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return switch (method.getName()) {
                        case "annotationType" -> DhtNode.Config.class;
                        case "toString" -> "TestConfig" + values;
                        case "hashCode" -> values.hashCode();
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }
}
