package io.swarmplace.plugins.internal;

import io.swarmplace.plugins.PluginException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
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
public class ArtifactDownloader {

    private final Path tmpDirectory;
    private final PluginSettings settings;
    private final HttpClient http;

    public ArtifactDownloader(Path tmpDirectory, PluginSettings settings) {
        this.tmpDirectory = tmpDirectory;
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.downloadTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
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
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.downloadTimeout()).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new PluginException("downloading " + uri + " failed: the server answered HTTP " + response.statusCode()
                            + ". Check the URL.");
                }
                long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > settings.maxArtifactBytes()) {
                    throw tooLarge(uri);
                }
                return writeCapped(body, uri);
            }
        } catch (HttpTimeoutException e) {
            throw new PluginException("downloading " + uri + " timed out after " + settings.downloadTimeout().toSeconds()
                    + " s. Check the network, or raise download_timeout_seconds in configuration io.swarmplace.plugins.");
        } catch (ConnectException e) {
            throw new PluginException("cannot connect to " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                    + " to download " + uri + " (connection refused or unreachable). Check the URL and that the server is running.");
        } catch (IOException e) {
            throw new PluginException("downloading " + uri + " failed: " + e + ". Check the URL and the network.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException("downloading " + uri + " was interrupted.");
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
            Path done = tmpDirectory.resolve(partial.getFileName().toString().replace(".part", ".jar"));
            Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
            complete = true;
            return done;
        } finally {
            if (!complete) {
                Files.deleteIfExists(partial);
            }
        }
    }

    private PluginException tooLarge(URI uri) {
        return new PluginException(uri + " is larger than " + settings.maxArtifactBytes() / (1024 * 1024)
                + " MiB and was not installed. Raise max_artifact_size_mib in configuration io.swarmplace.plugins if it is genuine.");
    }
}
