package io.swarmplace.plugins.internal;

import io.swarmplace.plugins.InstallRequest;
import io.swarmplace.plugins.PluginException;
import io.swarmplace.plugins.PluginNotFoundException;
import io.swarmplace.plugins.TamperedPluginException;
import io.swarmplace.plugins.Trust;
import io.swarmplace.plugins.internal.index.IndexParser;
import io.swarmplace.plugins.internal.index.IndexResource;
import io.swarmplace.plugins.internal.index.RepositoryIndex;
import io.swarmplace.plugins.internal.resolve.PluginResolveContext;
import io.swarmplace.plugins.internal.resolve.UnresolvedRequirements;
import io.swarmplace.plugins.internal.trust.InspectedJar;
import io.swarmplace.plugins.internal.trust.JarInspector;
import io.swarmplace.plugins.internal.trust.TrustDecision;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.VersionRange;
import org.osgi.resource.Resource;
import org.osgi.resource.Wire;
import org.osgi.service.resolver.ResolutionException;
import org.osgi.service.resolver.Resolver;

/**
 * Turns an install request into verified artifacts: downloads, for an index resolves the plugin's
 * dependencies and checks their checksums, inspects every jar and decides its trust. Nothing in the
 * framework changes here, so any failure leaves nothing to undo.
 */
final class InstallPlanner {

    private final BundleContext context;
    private final Resolver resolver;
    private final ArtifactDownloader downloader;
    private final IndexParser indexParser = new IndexParser();
    private final JarInspector inspector = new JarInspector();
    private final TrustDecision trustDecision;

    InstallPlanner(BundleContext context, Resolver resolver, ArtifactDownloader downloader, TrustDecision trustDecision) {
        this.context = context;
        this.resolver = resolver;
        this.downloader = downloader;
        this.trustDecision = trustDecision;
    }

    /**
     * @param nothingDone how refusals end ("nothing was installed", "nothing was changed")
     */
    InstallPlan plan(InstallRequest request, TempFiles temp, String nothingDone) throws PluginException {
        return request.isIndex() ? fromIndex(request, temp, nothingDone) : fromJar(request, temp, nothingDone);
    }

    private InstallPlan fromJar(InstallRequest request, TempFiles temp, String nothingDone) throws PluginException {
        URI uri = ArtifactDownloader.toUri(request.source());
        Path file = temp.add(downloader.download(uri));
        Artifact plugin = inspect(file, request.source(), request.trust(), nothingDone);
        return new InstallPlan(plugin, List.of(), displaySource(uri));
    }

    private InstallPlan fromIndex(InstallRequest request, TempFiles temp, String nothingDone) throws PluginException {
        URI indexUri = ArtifactDownloader.toUri(request.source());
        RepositoryIndex index = indexParser.parse(temp.add(downloader.download(indexUri)), indexUri);
        String name = request.resourceName().orElseThrow();
        Optional<VersionRange> range = versionRange(request.versionRange());
        IndexResource wanted = index.highest(name, range).orElseThrow(() -> notInIndex(index, name, request.versionRange()));

        List<IndexResource> candidates = index.resources().stream()
                .filter(r -> !r.symbolicName().equals(name))
                .filter(r -> !PluginResolveContext.isInstalled(context, r))
                .toList();
        Map<Resource, List<Wire>> resolution;
        try {
            resolution = resolver.resolve(new PluginResolveContext(context, List.of(wanted), candidates));
        } catch (ResolutionException e) {
            throw new PluginException(wanted + " cannot be installed: " + UnresolvedRequirements.describe(e) + "; " + nothingDone
                    + ". Add the missing bundle to the index or install it first.");
        }

        Artifact plugin = downloadVerified(wanted, temp, request.trust(), nothingDone);
        List<Artifact> dependencies = new ArrayList<>();
        for (Resource resource : resolution.keySet()) {
            if (resource instanceof IndexResource dependency && dependency != wanted) {
                dependencies.add(downloadVerified(dependency, temp, request.trust(), nothingDone));
            }
        }
        return new InstallPlan(plugin, dependencies, indexUri + "#" + name);
    }

    private Artifact downloadVerified(IndexResource resource, TempFiles temp, boolean consent, String nothingDone) throws PluginException {
        URI uri = resource.contentUri().orElseThrow(() -> new PluginException("the index gives no download URL (osgi.content capability) for "
                + resource + "; " + nothingDone + ". Fix the index."));
        String expected = resource.sha256().orElseThrow(() -> new PluginException("the index gives no SHA-256 for " + resource + "; "
                + nothingDone + ". Fix the index."));
        Path file = temp.add(downloader.download(uri));
        String actual = sha256(file);
        if (!actual.equals(expected)) {
            throw new TamperedPluginException(resource + " from " + uri + " has SHA-256 " + actual + " but the index says " + expected
                    + "; the file changed after the index was written, so " + nothingDone
                    + ". Ask the index's publisher to re-index, and do not install it from elsewhere.");
        }
        return inspect(file, uri.toString(), consent, nothingDone);
    }

    private Artifact inspect(Path file, String origin, boolean consent, String nothingDone) throws PluginException {
        InspectedJar jar = inspector.inspect(file, origin);
        Trust trust = trustDecision.decide(jar, consent, nothingDone);
        return new Artifact(file, origin, jar, sha256(file), trust);
    }

    private static String sha256(Path file) throws PluginException {
        try {
            return Sha256.of(file);
        } catch (IOException e) {
            throw new PluginException("cannot read the downloaded " + file + ": " + e.getMessage());
        }
    }

    private static Optional<VersionRange> versionRange(Optional<String> range) throws PluginException {
        if (range.isEmpty() || range.get().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(VersionRange.valueOf(range.get().strip()));
        } catch (IllegalArgumentException e) {
            throw new PluginException("'" + range.get() + "' is not an OSGi version range; write e.g. 1.2 (at least 1.2) or [1.0,2.0) (1.x).");
        }
    }

    private static PluginNotFoundException notInIndex(RepositoryIndex index, String name, Optional<String> range) {
        List<String> versions = index.versionsOf(name);
        if (versions.isEmpty()) {
            return new PluginNotFoundException("the index " + index.location() + " has no resource named " + name
                    + "; check the spelling (names are bundle symbolic names).");
        }
        return new PluginNotFoundException("the index " + index.location() + " has no version of " + name + " in range "
                + range.orElse("") + "; it has " + String.join(", ", versions) + ".");
    }

    private static String displaySource(URI uri) {
        return "file".equalsIgnoreCase(uri.getScheme()) ? Path.of(uri).toString() : uri.toString();
    }
}
