package io.swarmplace.plugins.internal.index;

import java.util.Map;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;

/** A requirement declared in a repository index. */
public final class IndexRequirement extends IndexClause implements Requirement {

    IndexRequirement(String namespace, Map<String, String> directives, Map<String, Object> attributes, Resource resource) {
        super(namespace, directives, attributes, resource);
    }

    @Override
    public String toString() {
        return getNamespace() + getDirectives();
    }
}
