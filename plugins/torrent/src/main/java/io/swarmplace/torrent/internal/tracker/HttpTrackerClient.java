package io.swarmplace.torrent.internal.tracker;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.swarmplace.torrent.metainfo.InfoHash;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * HTTP and HTTPS trackers (BEP 3, BEP 23, BEP 7, BEP 48 scrape) over Netty. Every request uses the
 * event loop group it is given (shared with the rest of the engine; it must run Netty's NIO transport)
 * and its own short-lived connection: TLS with the JDK's trusted roots and host name checks → HTTP
 * codec → read timeout → one exchange. Redirects are followed up to a limit, never from https to http.
 * Host names are looked up on the given executor, never on an event loop.
 */
public final class HttpTrackerClient implements TrackerClient {

    /** Hashes per scrape request, so the URL stays far below the 8 KiB request-line limit of most servers. */
    static final int MAX_HASHES_PER_SCRAPE = 50;

    private final EventLoopGroup group;
    private final NameLookups lookups;
    private final HttpTrackerSettings settings;
    private final SslContext tls;
    private final HttpTrackerResponses responses;

    public HttpTrackerClient(EventLoopGroup group, Executor nameLookups, HttpTrackerSettings settings) {
        this(group, nameLookups, settings, jdkTrust());
    }

    /** With other trusted roots than the JDK's: for tests against a local https server. */
    HttpTrackerClient(EventLoopGroup group, Executor nameLookups, HttpTrackerSettings settings, SslContext tls) {
        this.group = group;
        this.lookups = new NameLookups(nameLookups);
        this.settings = settings;
        this.tls = tls;
        this.responses = new HttpTrackerResponses(settings.maxResponseBytes());
    }

    private static SslContext jdkTrust() {
        try {
            return SslContextBuilder.forClient().sslProvider(SslProvider.JDK).build();
        } catch (SSLException e) {
            throw new IllegalStateException("the JDK offers no TLS client", e);
        }
    }

    @Override
    public CompletableFuture<AnnounceResponse> announce(URI tracker, AnnounceRequest request) {
        if (!TrackerUrls.isHttp(tracker) || tracker.getHost() == null) {
            return CompletableFuture.failedFuture(new TrackerConnectionException(tracker, "not an http or https tracker URL"));
        }
        return fetch(tracker, TrackerUrls.announceUrl(tracker, request))
                .thenApply(body -> unchecked(() -> responses.announce(tracker, body)));
    }

    @Override
    public CompletableFuture<Map<InfoHash, ScrapeResult>> scrape(URI tracker, List<InfoHash> infoHashes) {
        if (!TrackerUrls.isHttp(tracker) || tracker.getHost() == null) {
            return CompletableFuture.failedFuture(new TrackerConnectionException(tracker, "not an http or https tracker URL"));
        }
        List<InfoHash> distinct = List.copyOf(new LinkedHashSet<>(infoHashes));
        List<CompletableFuture<Map<InfoHash, ScrapeResult>>> parts = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += MAX_HASHES_PER_SCRAPE) {
            List<InfoHash> chunk = distinct.subList(from, Math.min(distinct.size(), from + MAX_HASHES_PER_SCRAPE));
            URI url;
            try {
                url = TrackerUrls.scrapeUrl(tracker, chunk);
            } catch (ScrapeNotSupportedException e) {
                return CompletableFuture.failedFuture(e);
            }
            Set<InfoHash> wanted = Set.copyOf(chunk);
            parts.add(fetch(tracker, url).thenApply(body -> unchecked(() -> responses.scrape(tracker, body, wanted))));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<InfoHash, ScrapeResult> all = new LinkedHashMap<>();
            parts.forEach(part -> all.putAll(part.join()));
            return all;
        });
    }

    /** The body of a 200 response to {@code url}, after following redirects. */
    private CompletableFuture<byte[]> fetch(URI tracker, URI url) {
        CompletableFuture<byte[]> body = new CompletableFuture<>();
        hop(tracker, url, 0, body);
        return body;
    }

    private void hop(URI tracker, URI url, int redirects, CompletableFuture<byte[]> body) {
        exchange(tracker, url).whenComplete((reply, failure) -> {
            if (failure != null) {
                body.completeExceptionally(unwrap(failure));
                return;
            }
            try {
                if (reply.isRedirect()) {
                    hop(tracker, redirectTarget(tracker, url, reply, redirects), redirects + 1, body);
                } else if (reply.status() == 200) {
                    body.complete(reply.body());
                } else {
                    throw statusProblem(tracker, reply);
                }
            } catch (TrackerException e) {
                body.completeExceptionally(e);
            }
        });
    }

    private URI redirectTarget(URI tracker, URI from, HttpReply reply, int redirects) throws TrackerException {
        String location = reply.location().orElseThrow();
        if (redirects >= settings.maxRedirects()) {
            throw new TrackerConnectionException(tracker, "more than " + settings.maxRedirects() + " redirects (the last to "
                    + TrackerUrls.withoutQuery(from) + ")");
        }
        URI next;
        try {
            next = from.resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new TrackerResponseException(tracker, "a redirect to an invalid URL: " + location, e);
        }
        if (!TrackerUrls.isHttp(next) || next.getHost() == null) {
            throw new TrackerConnectionException(tracker, "a redirect to " + TrackerUrls.withoutQuery(next)
                    + ", which is not an http or https URL, is not followed");
        }
        if (isHttps(from) && !isHttps(next)) {
            throw new TrackerConnectionException(tracker, "a redirect from https to " + TrackerUrls.withoutQuery(next)
                    + " is refused because it is not https");
        }
        return next;
    }

    private TrackerException statusProblem(URI tracker, HttpReply reply) {
        // Some trackers send their "failure reason" with an error status; their words say more than the status.
        try {
            responses.announce(tracker, reply.body());
        } catch (TrackerFailureException refused) {
            return refused;
        } catch (TrackerException notBencode) {
            // fall through to the status
        }
        return new TrackerResponseException(tracker, "HTTP status " + reply.status() + " " + reply.reason()
                + (reply.body().length == 0 ? "" : "; the body starts with " + HttpTrackerResponses.preview(reply.body())));
    }

    private CompletableFuture<HttpReply> exchange(URI tracker, URI url) {
        boolean https = isHttps(url);
        int port = url.getPort() > 0 ? url.getPort() : https ? 443 : 80;
        String host = url.getHost();
        CompletableFuture<HttpReply> reply = new CompletableFuture<>();
        lookups.resolve(tracker, host).whenComplete((address, lookupFailure) -> {
            if (lookupFailure != null) {
                reply.completeExceptionally(unwrap(lookupFailure));
                return;
            }
            connect(tracker, url, https, host, new InetSocketAddress(address, port), reply);
        });
        return reply;
    }

    private void connect(URI tracker, URI url, boolean https, String host, InetSocketAddress address, CompletableFuture<HttpReply> reply) {
        if (group.isShuttingDown()) {
            reply.completeExceptionally(new TrackerConnectionException(tracker, "the torrent engine is stopping"));
            return;
        }
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (https) {
                            channel.pipeline().addLast("tls", verifyingTls(channel, host, address.getPort()));
                        }
                        channel.pipeline()
                                .addLast("http", new HttpClientCodec(4096, 8192, 8192))
                                .addLast("read-timeout", new ReadTimeoutHandler(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS))
                                .addLast("exchange", new HttpExchangeHandler(tracker, url, settings, reply));
                    }
                });
        ChannelFuture connecting = bootstrap.connect(address);
        Channel channel = connecting.channel();
        // A caller that gives up (cancels) must not leave the connection open.
        reply.whenComplete((done, failure) -> channel.close());
        connecting.addListener(connected -> {
            if (!connected.isSuccess()) {
                reply.completeExceptionally(connectProblem(tracker, address, connected.cause()));
            }
        });
    }

    private TrackerException connectProblem(URI tracker, InetSocketAddress address, Throwable cause) {
        String where = address.getAddress().getHostAddress() + ":" + address.getPort();
        if (cause instanceof ConnectTimeoutException) {
            return new TrackerTimeoutException(tracker, "could not connect to " + where + " within "
                    + settings.connectTimeout().toMillis() + " ms");
        }
        if (cause instanceof ConnectException) {
            return new TrackerConnectionException(tracker, "could not connect to " + where + ": " + cause.getMessage(), cause);
        }
        return new TrackerConnectionException(tracker, "could not connect to " + where + ": " + cause, cause);
    }

    private SslHandler verifyingTls(SocketChannel channel, String host, int port) {
        // Host and port make the engine send SNI and check the certificate against the host name.
        SslHandler handler = tls.newHandler(channel.alloc(), host, port);
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        handler.setHandshakeTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        return handler;
    }

    private static boolean isHttps(URI uri) {
        return "https".equals(uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT));
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    interface Parse<T> {
        T run() throws TrackerException;
    }

    /** Runs a parse inside a future stage, where a checked exception must travel as the stage's failure. */
    static <T> T unchecked(Parse<T> parse) {
        try {
            return parse.run();
        } catch (TrackerException e) {
            throw new CompletionException(e);
        }
    }
}
