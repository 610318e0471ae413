package io.swarmplace.plugins.internal.resolve;

import io.swarmplace.plugins.internal.index.IndexResource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.IdentityNamespace;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Capability;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;
import org.osgi.resource.Wiring;
import org.osgi.service.resolver.HostedCapability;
import org.osgi.service.resolver.ResolveContext;

/**
 * The world as the resolver sees it when a plugin is about to be installed: the bundles already in
 * the framework (preferred, so nothing is installed twice) plus the resources of a repository index.
 */
public final class PluginResolveContext extends ResolveContext {

    private final Collection<Resource> mandatory;
    private final FrameworkWiring frameworkWiring;
    private final List<IndexResource> candidates;
    private final Map<Resource, Wiring> wirings;

    /**
     * @param mandatory what must resolve
     * @param candidates index resources that may be installed to satisfy requirements
     */
    public PluginResolveContext(BundleContext context, Collection<? extends Resource> mandatory, List<IndexResource> candidates) {
        this.mandatory = List.copyOf(mandatory);
        this.frameworkWiring = context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkWiring.class);
        this.candidates = candidates.stream().sorted(Comparator.comparing(IndexResource::version).reversed()).toList();
        this.wirings = currentWirings(context);
    }

    @Override
    public Collection<Resource> getMandatoryResources() {
        return mandatory;
    }

    @Override
    public List<Capability> findProviders(Requirement requirement) {
        // The resolver edits this list, so it must be a fresh mutable one.
        List<Capability> providers = new ArrayList<>(frameworkWiring.findProviders(requirement));
        Predicate<Map<String, Object>> matches = matcherOf(requirement);
        for (IndexResource resource : candidates) {
            for (Capability capability : resource.getCapabilities(requirement.getNamespace())) {
                if (isEffective(capability) && matches.test(capability.getAttributes())) {
                    providers.add(capability);
                }
            }
        }
        return providers;
    }

    @Override
    public int insertHostedCapability(List<Capability> capabilities, HostedCapability hostedCapability) {
        capabilities.add(hostedCapability);
        return capabilities.size() - 1;
    }

    @Override
    public boolean isEffective(Requirement requirement) {
        return isEffectiveDirective(requirement.getDirectives().get(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE));
    }

    @Override
    public Map<Resource, Wiring> getWirings() {
        return wirings;
    }

    private static boolean isEffective(Capability capability) {
        return isEffectiveDirective(capability.getDirectives().get(Namespace.CAPABILITY_EFFECTIVE_DIRECTIVE));
    }

    private static boolean isEffectiveDirective(String effective) {
        return effective == null || Namespace.EFFECTIVE_RESOLVE.equals(effective);
    }

    private static Predicate<Map<String, Object>> matcherOf(Requirement requirement) {
        String filter = requirement.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
        if (filter == null) {
            return attributes -> true;
        }
        try {
            Filter parsed = FrameworkUtil.createFilter(filter);
            return parsed::matches;
        } catch (InvalidSyntaxException e) {
            // A requirement nobody can read is one nobody can satisfy; the resolver then names it.
            return attributes -> false;
        }
    }

    private static Map<Resource, Wiring> currentWirings(BundleContext context) {
        Map<Resource, Wiring> wirings = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            BundleWiring wiring = bundle.adapt(BundleWiring.class);
            if (wiring != null) {
                wirings.put(wiring.getResource(), wiring);
            }
        }
        return wirings;
    }

    /** True if a bundle with the same symbolic name and version as {@code resource} is installed. */
    public static boolean isInstalled(BundleContext context, IndexResource resource) {
        for (Bundle bundle : context.getBundles()) {
            if (resource.symbolicName().equals(bundle.getSymbolicName()) && resource.version().equals(bundle.getVersion())) {
                return true;
            }
        }
        return false;
    }

    static String identityOf(Resource resource) {
        for (Capability identity : resource.getCapabilities(IdentityNamespace.IDENTITY_NAMESPACE)) {
            Object version = identity.getAttributes().getOrDefault(IdentityNamespace.CAPABILITY_VERSION_ATTRIBUTE, Version.emptyVersion);
            return identity.getAttributes().get(IdentityNamespace.IDENTITY_NAMESPACE) + " " + version;
        }
        return String.valueOf(resource);
    }
}
