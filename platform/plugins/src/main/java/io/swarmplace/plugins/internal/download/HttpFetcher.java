package io.swarmplace.plugins.internal.download;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * Downloads over HTTP and HTTPS with Netty: one handler per concern (TLS, HTTP codec, read timeout,
 * body to file), redirects followed up to a limit and never from https down to http, TLS verified
 * against the JDK's trusted roots with host name checks. One event loop thread and one disk thread
 * serve every download of the plugin manager; {@link #close()} releases them.
 */
public final class HttpFetcher implements AutoCloseable {

    static final int MAX_REDIRECTS = 5;
    /** A download may be slow but must end: the read timeout catches silence, this catches a trickle. */
    private static final Duration MAX_TRANSFER_TIME = Duration.ofMinutes(15);
    private static final String THREAD_NAME = "swarmplace-plugin-download";

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(THREAD_NAME + "-io"), NioIoHandler.newFactory());
    private final ExecutorService disk = Executors.newSingleThreadExecutor(r -> new Thread(r, THREAD_NAME + "-disk"));
    private final SslContext tls;
    private final DownloadLimits limits;
    private final String userAgent;

    public HttpFetcher(Duration timeout, long maxBytes, String userAgent) {
        this(timeout, maxBytes, userAgent, jdkTrust());
    }

    /** With other trusted roots than the JDK's: for tests against a local https server. */
    HttpFetcher(Duration timeout, long maxBytes, String userAgent, SslContext tls) {
        this.limits = new DownloadLimits(timeout, maxBytes);
        this.userAgent = userAgent;
        this.tls = tls;
    }

    /** The JDK's TLS with its default trust managers (cacerts), so no native library decides what is trusted. */
    private static SslContext jdkTrust() {
        try {
            return SslContextBuilder.forClient().sslProvider(SslProvider.JDK).build();
        } catch (SSLException e) {
            throw new IllegalStateException("the JDK offers no TLS client", e);
        }
    }

    /**
     * Fetches {@code uri} into {@code target} (created empty by the caller), following redirects.
     *
     * @throws DownloadException with a message that names the URL, the reason and what to do
     */
    public void fetch(URI uri, Path target) throws DownloadException {
        URI current = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            FetchOutcome outcome;
            try {
                outcome = exchange(current, target);
            } catch (DownloadFailure failure) {
                throw new DownloadException("could not download " + uri + via(uri, current) + ": " + failure.getMessage(), failure);
            }
            if (outcome instanceof FetchOutcome.Saved) {
                return;
            }
            URI next = ((FetchOutcome.Redirected) outcome).location();
            if (isHttps(current) && !isHttps(next)) {
                throw new DownloadException("could not download " + uri + ": it redirects from https to " + next
                        + ", which is refused because it is not https; use a URL that stays on https", null);
            }
            current = next;
        }
        throw new DownloadException("could not download " + uri + ": it redirects more than " + MAX_REDIRECTS
                + " times (last to " + current + "); check the URL", null);
    }

    private FetchOutcome exchange(URI uri, Path target) throws DownloadFailure {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new DownloadFailure("only http and https URLs are supported");
        }
        if (uri.getHost() == null) {
            throw new DownloadFailure("the URL has no host");
        }
        if (group.isShuttingDown()) {
            throw DownloadFailure.stopping();
        }
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        CompletableFuture<FetchOutcome> outcome = new CompletableFuture<>();
        try (FileChannel file = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ChannelFuture connecting = bootstrap(uri, scheme.equals("https"), port, file, outcome).connect(uri.getHost(), port);
            connecting.addListener(connected -> {
                if (!connected.isSuccess()) {
                    outcome.completeExceptionally(DownloadFailure.connectFailed(uri.getHost(), port, connected.cause(), limits));
                }
            });
            return awaitThenClose(outcome, connecting.channel());
        } catch (IOException e) {
            throw new DownloadFailure("cannot write the download to " + target + " (" + e.getMessage() + ")", e);
        }
    }

    private Bootstrap bootstrap(URI uri, boolean https, int port, FileChannel file, CompletableFuture<FetchOutcome> outcome) {
        return new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, limits.timeout().toMillis()))
                // BodyToFileHandler asks for each read once the previous chunk is on disk.
                .option(ChannelOption.AUTO_READ, false)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        ChannelPipeline pipeline = channel.pipeline();
                        if (https) {
                            pipeline.addLast("tls", verifyingTlsHandler(channel, uri.getHost(), port));
                        }
                        pipeline.addLast("http", new HttpClientCodec())
                                .addLast("timeout", new ReadTimeoutHandler(limits.timeout().toMillis(), TimeUnit.MILLISECONDS))
                                .addLast("body", new BodyToFileHandler(uri, file, disk, limits, userAgent, outcome));
                    }
                });
    }

    /** Waits a bounded time for the exchange; whatever happens, the connection is closed afterwards. */
    private FetchOutcome awaitThenClose(CompletableFuture<FetchOutcome> outcome, Channel channel) throws DownloadFailure {
        try {
            return outcome.get(limits.timeout().plus(MAX_TRANSFER_TIME).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof DownloadFailure failure ? failure : new DownloadFailure(String.valueOf(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new DownloadFailure("it did not finish within " + MAX_TRANSFER_TIME.toMinutes() + " minutes; the server sends too slowly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadFailure("the download was interrupted", e);
        } finally {
            channel.close();
        }
    }

    private SslHandler verifyingTlsHandler(SocketChannel channel, String host, int port) {
        // Host and port make the engine send SNI and let it check the certificate against the host.
        SslHandler handler = tls.newHandler(channel.alloc(), host, port);
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        // Netty's own default (10 s) would cut a configured longer timeout short.
        handler.setHandshakeTimeout(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
        return handler;
    }

    private static boolean isHttps(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    private static String via(URI original, URI current) {
        return original.equals(current) ? "" : " (redirected to " + current + ")";
    }

    /** Stops the event loop and the disk thread; a download still running fails with "the plugin manager is stopping". */
    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
        disk.shutdown();
        try {
            disk.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
