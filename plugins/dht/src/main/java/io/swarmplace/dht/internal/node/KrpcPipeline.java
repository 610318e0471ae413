package io.swarmplace.dht.internal.node;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.swarmplace.bencode.BencodeDecoder;
import io.swarmplace.bencode.DecodeLimits;
import io.swarmplace.dht.internal.krpc.KrpcCodec;
import io.swarmplace.dht.internal.net.BencodeDatagramDecoder;
import io.swarmplace.dht.internal.net.DatagramAdmission;
import io.swarmplace.dht.internal.net.DhtCounters;
import io.swarmplace.dht.internal.net.KrpcDispatcher;
import io.swarmplace.dht.internal.net.KrpcEndpoint;
import io.swarmplace.dht.internal.net.KrpcEncoder;
import io.swarmplace.dht.internal.net.KrpcMessageDecoder;
import io.swarmplace.dht.internal.net.SourceRateLimiter;
import io.swarmplace.dht.internal.routing.AddressPolicy;
import java.util.function.LongSupplier;

/**
 * The node's UDP pipeline, one handler per concern: flushes held to the end of a read batch; (out) KRPC
 * encoder; (in) admission (size, bogon sources, counting) → bencode decoding within limits → KRPC
 * validation → per-source rate limit → dispatch to the engine (queries answered, responses matched by
 * transaction id).
 */
final class KrpcPipeline {

    /** A KRPC message nests 3 levels (4 with BEP 44 values); 1024 values fit any 2 KB datagram. */
    static final DecodeLimits LIMITS = new DecodeLimits(16, 1024, DhtSettings.MAX_PACKET, DhtSettings.MAX_PACKET);

    private KrpcPipeline() {}

    static void install(ChannelPipeline pipeline, DhtSettings settings, KrpcEndpoint engine, DhtCounters counters, LongSupplier clock) {
        KrpcCodec codec = new KrpcCodec(DhtSettings.VERSION);
        pipeline.addLast(
                // Answers written while a read batch is handled go out in one flush at its end (sendmmsg on epoll).
                new FlushConsolidationHandler(),
                new KrpcEncoder(codec, counters),
                new DatagramAdmission(DhtSettings.MAX_PACKET, AddressPolicy.of(settings.privateNetwork()), counters),
                new BencodeDatagramDecoder(new BencodeDecoder(LIMITS), counters),
                new KrpcMessageDecoder(codec, counters),
                new SourceRateLimiter(settings.packetsPerSecond(), settings.packetBurst(), settings.privateNetwork(),
                        DhtSettings.MAX_RATE_SOURCES, clock, counters),
                new KrpcDispatcher(engine, counters));
    }
}
