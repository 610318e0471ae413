package io.swarmplace.plugins.internal.index;

import java.util.Map;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;

/** A requirement declared in a repository index. */
public final class IndexRequirement implements Requirement {

    private final String namespace;
    private final Map<String, String> directives;
    private final Map<String, Object> attributes;
    private final Resource resource;

    IndexRequirement(String namespace, Map<String, String> directives, Map<String, Object> attributes, Resource resource) {
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
        return namespace + directives;
    }
}
