package io.swarmplace.plugins.internal.index;

import java.util.Map;
import org.osgi.resource.Capability;
import org.osgi.resource.Resource;

/** A capability declared in a repository index. */
public final class IndexCapability implements Capability {

    private final String namespace;
    private final Map<String, String> directives;
    private final Map<String, Object> attributes;
    private final Resource resource;

    IndexCapability(String namespace, Map<String, String> directives, Map<String, Object> attributes, Resource resource) {
        this.namespace = namespace;
        this.directives = Map.copyOf(directives);
        this.attributes = Map.copyOf(attributes);
        this.resource = resource;
    }

    @Override
    public String getNamespace() {
        return namespace;
    }

    @Override
    public Map<String, String> getDirectives() {
        return directives;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return attributes;
    }

    @Override
    public Resource getResource() {
        return resource;
    }

    @Override
    public String toString() {
        return namespace + attributes;
    }
}
