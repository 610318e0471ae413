package io.swarmplace.plugins.internal.index;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.VersionRange;

/** The resources of one parsed OSGi repository index. */
public record RepositoryIndex(URI location, List<IndexResource> resources) {

    public RepositoryIndex {
        resources = List.copyOf(resources);
    }

    /** The highest version of {@code symbolicName}, within {@code range} if one is given. */
    public Optional<IndexResource> highest(String symbolicName, Optional<VersionRange> range) {
        return resources.stream()
                .filter(r -> r.symbolicName().equals(symbolicName))
                .filter(r -> range.map(vr -> vr.includes(r.version())).orElse(true))
                .max(Comparator.comparing(IndexResource::version));
    }

    /** Every version of {@code symbolicName} the index has, for messages that say what is available. */
    public List<String> versionsOf(String symbolicName) {
        return resources.stream()
                .filter(r -> r.symbolicName().equals(symbolicName))
                .sorted(Comparator.comparing(IndexResource::version))
                .map(r -> r.version().toString())
                .toList();
    }
}
