package io.swarmplace.tracker.internal;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP tracker's pipeline, one handler per concern: connection limit → read timeout → HTTP codec
 * with size limits → aggregation (tracker requests have no body) → tracker protocol.
 */
final class TrackerHttpInitializer extends ChannelInitializer<SocketChannel> {

    static final int MAX_REQUEST_LINE = 8192;
    static final int MAX_HEADERS = 8192;
    static final int MAX_BODY = 1024;
    static final int IDLE_SECONDS = 30;

    private final ConnectionLimit connectionLimit;
    private final HttpTrackerProtocol protocol;
    private final TrackerStatistics statistics;

    TrackerHttpInitializer(ConnectionLimit connectionLimit, HttpTrackerProtocol protocol, TrackerStatistics statistics) {
        this.connectionLimit = connectionLimit;
        this.protocol = protocol;
        this.statistics = statistics;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast("connection-limit", connectionLimit)
                .addLast("read-timeout", new ReadTimeoutHandler(IDLE_SECONDS, TimeUnit.SECONDS))
                .addLast("http-codec", new HttpServerCodec(new HttpDecoderConfig()
                        .setMaxInitialLineLength(MAX_REQUEST_LINE)
                        .setMaxHeaderSize(MAX_HEADERS)
                        .setMaxChunkSize(MAX_BODY)))
                .addLast("http-aggregator", new HttpObjectAggregator(MAX_BODY))
                .addLast("tracker", new TrackerHttpHandler(protocol, statistics));
    }
}
