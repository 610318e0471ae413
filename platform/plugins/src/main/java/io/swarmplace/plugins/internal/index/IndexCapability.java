package io.swarmplace.plugins.internal.index;

import java.util.Map;
import org.osgi.resource.Capability;
import org.osgi.resource.Resource;

/** A capability declared in a repository index. */
public final class IndexCapability extends IndexClause implements Capability {

    IndexCapability(String namespace, Map<String, String> directives, Map<String, Object> attributes, Resource resource) {
        super(namespace, directives, attributes, resource);
    }

    @Override
    public String toString() {
        return getNamespace() + getAttributes();
    }
}
