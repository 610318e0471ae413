package io.swarmplace.plugins.internal;

import io.swarmplace.plugins.PluginException;
import io.swarmplace.plugins.internal.download.DownloadException;
import io.swarmplace.plugins.internal.download.HttpFetcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Copies a jar or index from a local path, a file: URL or an http(s) URL to a private temporary file,
 * enforcing the size cap and timeouts. The result only appears under its final name once it is
 * complete, so nothing ever installs from a half-written file. This is the one place that talks to the
 * network, so another client can replace it without touching the rest.
 */
public class ArtifactDownloader implements AutoCloseable {

    private final Path tmpDirectory;
    private final PluginSettings settings;
    private final HttpFetcher http;

    public ArtifactDownloader(Path tmpDirectory, PluginSettings settings) {
        this.tmpDirectory = tmpDirectory;
        this.settings = settings;
        this.http = new HttpFetcher(settings.downloadTimeout(), settings.maxArtifactBytes(), "Swarmplace plugin manager");
    }

    /** Where {@code source} points: an absolute URI for URLs, a file URI for local paths. */
    public static URI toUri(String source) throws PluginException {
        String trimmed = source.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        try {
            if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("file:")) {
                return new URI(trimmed);
            }
            return Path.of(trimmed).toAbsolutePath().normalize().toUri();
        } catch (java.net.URISyntaxException | InvalidPathException e) {
            throw new PluginException("'" + source + "' is neither a file path nor an http(s) or file: URL ("
                    + e.getMessage() + ").");
        }
    }

    /**
     * Fetches {@code uri} into a new temporary file that the caller must delete.
     *
     * @throws PluginException if it cannot be read, is too large or the server does not answer in time
     */
    public Path download(URI uri) throws PluginException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "file" -> copyLocal(uri);
            case "http", "https" -> fetchHttp(uri);
            default -> throw new PluginException("cannot download " + uri + ": only local paths, file: and http(s) URLs are supported.");
        };
    }

    private Path copyLocal(URI uri) throws PluginException {
        Path file;
        try {
            file = Path.of(uri);
        } catch (IllegalArgumentException e) {
            throw new PluginException(uri + " is not a usable file URL (" + e.getMessage() + ").");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return writeCapped(in, uri);
        } catch (NoSuchFileException e) {
            throw new PluginException(file + " does not exist; check the path.");
        } catch (IOException e) {
            throw new PluginException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private Path fetchHttp(URI uri) throws PluginException {
        Path partial = null;
        boolean complete = false;
        try {
            partial = Files.createTempFile(tmpDirectory, "download-", ".part");
            http.fetch(uri, partial);
            Path done = completed(partial);
            complete = true;
            return done;
        } catch (DownloadException e) {
            throw new PluginException(e.getMessage() + ".", e);
        } catch (IOException e) {
            throw new PluginException("could not store the download of " + uri + " in " + tmpDirectory + ": " + e.getMessage()
                    + ". Check the free space and permissions of the data directory.", e);
        } finally {
            deleteUnless(complete, partial);
        }
    }

    private Path writeCapped(InputStream in, URI uri) throws IOException, PluginException {
        Path partial = Files.createTempFile(tmpDirectory, "download-", ".part");
        boolean complete = false;
        try {
            long total = 0;
            byte[] buffer = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(partial)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    total += n;
                    if (total > settings.maxArtifactBytes()) {
                        throw tooLarge(uri);
                    }
                    out.write(buffer, 0, n);
                }
            }
            Path done = completed(partial);
            complete = true;
            return done;
        } finally {
            deleteUnless(complete, partial);
        }
    }

    /** Gives a fully written download its final name: only complete files ever carry it. */
    private Path completed(Path partial) throws IOException {
        Path done = tmpDirectory.resolve(partial.getFileName().toString().replace(".part", ".jar"));
        Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
        return done;
    }

    private static void deleteUnless(boolean complete, Path partial) {
        if (!complete && partial != null) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // a stray .part file in the private tmp folder is harmless and cleared with it
            }
        }
    }

    /** Releases the download threads; call it when the owning component stops. */
    @Override
    public void close() {
        http.close();
    }

    private PluginException tooLarge(URI uri) {
        return new PluginException(uri + " is larger than the " + settings.maxArtifactBytes() / (1024 * 1024)
                + " MiB limit (max_artifact_size_mib in configuration io.swarmplace.plugins) and was not installed; raise the limit if it is genuine.");
    }
}
