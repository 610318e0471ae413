package io.swarmplace.plugins.internal.index;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.IdentityNamespace;
import org.osgi.resource.Capability;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;

/**
 * One resource (usually a bundle) of a repository index, with the identity and content shortcuts the
 * plugin manager needs to download and verify it.
 */
public final class IndexResource implements Resource {

    /** The namespace of the capability that says where the artifact is and what its hash is. */
    public static final String CONTENT_NAMESPACE = "osgi.content";

    private final List<Capability> capabilities = new ArrayList<>();
    private final List<Requirement> requirements = new ArrayList<>();
    private final URI indexUri;

    IndexResource(URI indexUri) {
        this.indexUri = indexUri;
    }

    void addCapability(String namespace, Map<String, String> directives, Map<String, Object> attributes) {
        capabilities.add(new IndexCapability(namespace, directives, attributes, this));
    }

    void addRequirement(String namespace, Map<String, String> directives, Map<String, Object> attributes) {
        requirements.add(new IndexRequirement(namespace, directives, attributes, this));
    }

    @Override
    public List<Capability> getCapabilities(String namespace) {
        return capabilities.stream().filter(c -> namespace == null || namespace.equals(c.getNamespace())).toList();
    }

    @Override
    public List<Requirement> getRequirements(String namespace) {
        return requirements.stream().filter(r -> namespace == null || namespace.equals(r.getNamespace())).toList();
    }

    /** The symbolic name from the {@code osgi.identity} capability, or empty if there is none. */
    public String symbolicName() {
        return identity().map(c -> String.valueOf(c.getAttributes().get(IdentityNamespace.IDENTITY_NAMESPACE))).orElse("");
    }

    public Version version() {
        return identity().map(c -> c.getAttributes().get(IdentityNamespace.CAPABILITY_VERSION_ATTRIBUTE))
                .map(v -> v instanceof Version version ? version : Version.parseVersion(String.valueOf(v)))
                .orElse(Version.emptyVersion);
    }

    /** The artifact's address, resolved against the index's own URL as the spec says. */
    public Optional<URI> contentUri() {
        return content().map(c -> c.getAttributes().get("url")).map(String::valueOf).map(indexUri::resolve);
    }

    /** The artifact's SHA-256 digest in lower-case hex, as the index declares it. */
    public Optional<String> sha256() {
        return content().map(c -> c.getAttributes().get(CONTENT_NAMESPACE)).map(v -> String.valueOf(v).toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public String toString() {
        return symbolicName() + " " + version();
    }

    private Optional<Capability> identity() {
        return getCapabilities(IdentityNamespace.IDENTITY_NAMESPACE).stream().findFirst();
    }

    private Optional<Capability> content() {
        return getCapabilities(CONTENT_NAMESPACE).stream().findFirst();
    }
}
