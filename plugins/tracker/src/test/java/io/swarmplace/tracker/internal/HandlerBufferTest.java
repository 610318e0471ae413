package io.swarmplace.tracker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ResourceLeakDetector;
import java.net.InetSocketAddress;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every buffer the handlers receive is released, whatever the outcome; replies are the caller's to release. */
class HandlerBufferTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("10.0.0.1", 5000);

    private final TrackerStatistics statistics = new TrackerStatistics();
    private final TrackerSettings settings = TestConfig.loopback().settings();
    private final SwarmRegistry registry = new SwarmRegistry(settings, statistics, System::nanoTime, new Random(1));

    @BeforeAll
    static void paranoid() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @Test
    void theUdpHandlerReleasesEveryDatagramAnsweredOrDropped() {
        UdpTrackerProtocol protocol = new UdpTrackerProtocol(registry, new ConnectionIds(new byte[16], System::nanoTime), statistics);
        EmbeddedChannel channel = new EmbeddedChannel(new UdpTrackerHandler(protocol, statistics));
        DatagramPacket connect = datagram(UdpPackets.connect(5));
        DatagramPacket junk = datagram(new byte[3]);

        channel.writeInbound(connect, junk);

        assertThat(connect.refCnt()).isZero();
        assertThat(junk.refCnt()).isZero();
        DatagramPacket reply = channel.readOutbound();
        try {
            assertThat(reply.recipient()).isEqualTo(CLIENT);
            assertThat(reply.content().readableBytes()).isEqualTo(16);
        } finally {
            reply.release();
        }
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void theHttpHandlerReleasesRequestsOfEveryKind() {
        HttpTrackerProtocol protocol = new HttpTrackerProtocol(registry, settings, statistics);
        EmbeddedChannel channel = new EmbeddedChannel(new TrackerHttpHandler(protocol, statistics)) {
            @Override
            protected java.net.SocketAddress remoteAddress0() {
                return CLIENT;
            }
        };
        FullHttpRequest announce = request(HttpMethod.GET, "/announce?" + Announces.announceQuery(
                Announces.hash(1), Announces.peerId(1), 6881, 0, ""));
        FullHttpRequest post = request(HttpMethod.POST, "/announce");
        FullHttpRequest missing = request(HttpMethod.GET, "/nothing");
        FullHttpRequest broken = request(HttpMethod.GET, "/bad");
        broken.setDecoderResult(io.netty.handler.codec.DecoderResult.failure(new IllegalArgumentException("bad")));

        channel.writeInbound(announce, post, missing, broken);

        assertThat(announce.refCnt() + post.refCnt() + missing.refCnt() + broken.refCnt()).isZero();
        int[] statuses = new int[4];
        for (int i = 0; i < 4; i++) {
            FullHttpResponse response = channel.readOutbound();
            statuses[i] = response.status().code();
            response.release();
        }
        assertThat(statuses).containsExactly(200, 405, 404, 400);
        assertThat(channel.isOpen()).as("closed after the unparsable request").isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void hostileGeneratedBytesThroughTheHttpPipelineNeverEscapeAsExceptions() {
        Random random = new Random(77);
        HttpTrackerProtocol protocol = new HttpTrackerProtocol(registry, settings, statistics);
        String[] starts = {"GET /announce?", "GET /scrape?info_hash=", "POST / HTTP/1.1\r\n", "GET / HTTP/1.1\r\nHost: ", ""};
        for (int round = 0; round < 2_000; round++) {
            EmbeddedChannel channel = new EmbeddedChannel(
                    new io.netty.handler.codec.http.HttpServerCodec(new io.netty.handler.codec.http.HttpDecoderConfig()
                            .setMaxInitialLineLength(TrackerHttpInitializer.MAX_REQUEST_LINE)
                            .setMaxHeaderSize(TrackerHttpInitializer.MAX_HEADERS)),
                    new io.netty.handler.codec.http.HttpObjectAggregator(TrackerHttpInitializer.MAX_BODY),
                    new TrackerHttpHandler(protocol, statistics)) {
                @Override
                protected java.net.SocketAddress remoteAddress0() {
                    return CLIENT;
                }
            };
            byte[] junk = new byte[random.nextInt(300)];
            random.nextBytes(junk);
            ByteBuf input = Unpooled.buffer();
            input.writeCharSequence(starts[random.nextInt(starts.length)], java.nio.charset.StandardCharsets.ISO_8859_1);
            input.writeBytes(junk);
            if (random.nextBoolean()) {
                input.writeCharSequence(" HTTP/1.1\r\n\r\n", java.nio.charset.StandardCharsets.ISO_8859_1);
            }

            channel.writeInbound(input);
            channel.checkException();

            channel.finishAndReleaseAll();
            assertThat(input.refCnt()).as("input released once the connection is gone").isZero();
        }
    }

    private static DatagramPacket datagram(byte[] bytes) {
        ByteBuf content = Unpooled.buffer(bytes.length).writeBytes(bytes);
        return new DatagramPacket(content, new InetSocketAddress("127.0.0.1", 6969), CLIENT);
    }

    private static FullHttpRequest request(HttpMethod method, String uri) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri, Unpooled.buffer(4).writeInt(1));
    }
}
