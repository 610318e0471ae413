package io.swarmplace.plugins.internal.download;

import io.netty.bootstrap.Bootstrap;
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
import io.netty.handler.timeout.ReadTimeoutHandler;
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

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ExecutorService disk = Executors.newSingleThreadExecutor(r -> new Thread(r, "swarmplace-plugin-download"));
    private final SslContext tls;
    private final Duration timeout;
    private final long maxBytes;
    private final String userAgent;

    public HttpFetcher(Duration timeout, long maxBytes, String userAgent) {
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.userAgent = userAgent;
        try {
            this.tls = SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("the JDK offers no TLS client", e);
        }
    }

    /**
     * Fetches {@code uri} into {@code target} (created empty by the caller), following redirects.
     *
     * @throws IOException with a message that names the URL and the reason
     */
    public void fetch(URI uri, Path target) throws IOException {
        URI current = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            FetchOutcome outcome = exchange(current, target);
            if (outcome instanceof FetchOutcome.Saved) {
                return;
            }
            URI next = ((FetchOutcome.Redirected) outcome).location();
            if (isHttps(current) && !isHttps(next)) {
                throw new IOException("could not download " + uri + ": it redirects from https to insecure " + next);
            }
            current = next;
        }
        throw new IOException("could not download " + uri + ": more than " + MAX_REDIRECTS + " redirects");
    }

    private FetchOutcome exchange(URI uri, Path target) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException("could not download " + uri + ": only http and https are supported");
        }
        if (uri.getHost() == null) {
            throw new IOException("could not download " + uri + ": the URL has no host");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        CompletableFuture<FetchOutcome> outcome = new CompletableFuture<>();
        try (FileChannel file = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                    .option(ChannelOption.AUTO_READ, false)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            ChannelPipeline pipeline = channel.pipeline();
                            if (scheme.equals("https")) {
                                pipeline.addLast("tls", verifyingTlsHandler(channel, uri.getHost(), port));
                            }
                            pipeline.addLast("http", new HttpClientCodec())
                                    .addLast("timeout", new ReadTimeoutHandler(timeout.toMillis(), TimeUnit.MILLISECONDS))
                                    .addLast("body", new BodyToFileHandler(uri, file, disk, maxBytes, userAgent, outcome));
                        }
                    })
                    .connect(uri.getHost(), port)
                    .addListener(connected -> {
                        if (!connected.isSuccess()) {
                            outcome.completeExceptionally(new DownloadFailure("cannot connect to " + uri.getHost() + ":" + port
                                    + " (" + describe(connected.cause()) + ")", connected.cause()));
                        }
                    });
            return outcome.get(timeout.plus(MAX_TRANSFER_TIME).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("could not download " + uri + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("could not download " + uri + ": not finished within " + MAX_TRANSFER_TIME.toMinutes() + " minutes");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("downloading " + uri + " was interrupted", e);
        }
    }

    private SslHandler verifyingTlsHandler(SocketChannel channel, String host, int port) {
        SslHandler handler = tls.newHandler(channel.alloc(), host, port);
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        return handler;
    }

    private static boolean isHttps(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    private static String describe(Throwable cause) {
        if (cause instanceof java.net.ConnectException) {
            return "connection refused";
        }
        return cause == null || cause.getMessage() == null ? String.valueOf(cause) : cause.getMessage();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        disk.shutdown();
    }
}
