package io.swarmplace.plugins.internal.resolve;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.osgi.framework.BundleContext;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;
import org.osgi.service.resolver.ResolutionException;
import org.osgi.service.resolver.Resolver;

/** Says in words which requirement kept a resource from resolving. */
public final class UnresolvedRequirements {

    private UnresolvedRequirements() {}

    /** "needs package com.example.missing (osgi.wiring.package=...)" for each unresolved requirement. */
    public static String describe(ResolutionException e) {
        Collection<Requirement> unresolved = e.getUnresolvedRequirements();
        if (unresolved == null || unresolved.isEmpty()) {
            return e.getMessage();
        }
        return unresolved.stream().map(UnresolvedRequirements::describe).distinct().collect(Collectors.joining("; "));
    }

    public static String describe(Requirement requirement) {
        String owner = requirement.getResource() == null ? "" : PluginResolveContext.identityOf(requirement.getResource()) + " ";
        String filter = requirement.getDirectives().getOrDefault(Namespace.REQUIREMENT_FILTER_DIRECTIVE, "");
        String what = PackageNamespace.PACKAGE_NAMESPACE.equals(requirement.getNamespace())
                ? "imports a package nothing provides: " + filter
                : "needs " + requirement.getNamespace() + " " + filter + ", which nothing provides";
        return owner + what;
    }

    /**
     * Asks the resolver why already-installed {@code resources} do not resolve against the installed
     * bundles, for the message of a failed install.
     */
    public static String explain(BundleContext context, Resolver resolver, List<? extends Resource> resources) {
        try {
            resolver.resolve(new PluginResolveContext(context, resources, List.of()));
            return "the framework could not resolve it";
        } catch (ResolutionException e) {
            return describe(e);
        }
    }
}
