package io.swarmplace.plugins.internal.index;

import java.util.Map;
import org.osgi.resource.Resource;

/** What capabilities and requirements of an index share: a namespace, directives, attributes, owner. */
abstract class IndexClause {

    private final String namespace;
    private final Map<String, String> directives;
    private final Map<String, Object> attributes;
    private final Resource resource;

    IndexClause(String namespace, Map<String, String> directives, Map<String, Object> attributes, Resource resource) {
        this.namespace = namespace;
        this.directives = Map.copyOf(directives);
        this.attributes = Map.copyOf(attributes);
        this.resource = resource;
    }

    public String getNamespace() {
        return namespace;
    }

    public Map<String, String> getDirectives() {
        return directives;
    }

    public Map<String, Object> getAttributes() {
        return attributes;
    }

    public Resource getResource() {
        return resource;
    }
}
