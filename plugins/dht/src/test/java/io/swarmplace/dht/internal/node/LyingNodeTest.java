package io.swarmplace.dht.internal.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.bencode.BencodeDecoder;
import io.swarmplace.dht.DropReason;
import io.swarmplace.dht.internal.item.ItemValues;
import io.swarmplace.dht.internal.krpc.ItemPayload;
import io.swarmplace.dht.internal.krpc.KrpcCodec;
import io.swarmplace.dht.internal.krpc.KrpcMessage;
import io.swarmplace.dht.internal.krpc.KrpcQuery;
import io.swarmplace.dht.internal.krpc.KrpcResponse;
import io.swarmplace.dht.internal.krpc.NodeId;
import io.swarmplace.dht.internal.krpc.QueryBody;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A node that answers every BEP 44 get with an item that is not the one asked for (a value that does not
 * hash to the target, a mutable item with a forged signature): our reader drops and counts each and
 * reports nothing found.
 */
class LyingNodeTest {

    @Test
    void itemsThatDoNotMatchTheirTargetOrSignatureAreDroppedByTheReader() throws Exception {
        Random random = new Random(3);
        KrpcCodec codec = new KrpcCodec(new byte[0]);
        NodeId liarId = NodeId.random(random);
        try (DatagramSocket liar = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                LoopbackNodes nodes = new LoopbackNodes(1)) {
            liar.setSoTimeout(100);
            Thread answering = new Thread(() -> answerWithLies(liar, codec, liarId), "lying-node");
            answering.setDaemon(true);
            answering.start();
            DhtRuntime reader = nodes.start(DhtSettings.loopback().withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5))
                    .withBootstrap((InetSocketAddress) liar.getLocalSocketAddress()));
            await().atMost(Duration.ofSeconds(10)).until(() -> reader.routingTable().size() == 1);

            assertThat(reader.getImmutable(new byte[20]).get(10, TimeUnit.SECONDS)).isEmpty();
            assertThat(reader.stats().dropped(DropReason.INVALID_ITEM)).as("immutable lies").isEqualTo(1);
            assertThat(reader.getMutable(new byte[32], new byte[0]).get(10, TimeUnit.SECONDS)).isEmpty();
            assertThat(reader.stats().dropped(DropReason.INVALID_ITEM)).as("and mutable lies").isEqualTo(2);
            assertThat(reader.stats().dropped(DropReason.INTERNAL_ERROR)).isZero();
            answering.interrupt();
        }
    }

    private static void answerWithLies(DatagramSocket socket, KrpcCodec codec, NodeId id) {
        byte[] buffer = new byte[2048];
        while (!Thread.currentThread().isInterrupted() && !socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                byte[] bytes = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
                KrpcMessage message = codec.decode(new BencodeDecoder().decode(bytes));
                if (!(message instanceof KrpcQuery query)) {
                    continue;
                }
                InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
                KrpcResponse answer = KrpcResponse.plain(query.transactionId(), id, from);
                if (query.body() instanceof QueryBody.Get) {
                    byte[] value = ItemValues.bencodedString("not what you asked for");
                    ItemPayload lie = query.body() instanceof QueryBody.Get get && get.target().equals(NodeId.of(new byte[20]))
                            ? new ItemPayload(value, Optional.empty())
                            : new ItemPayload(value, Optional.of(new ItemPayload.Signed(new byte[32], 99, new byte[64])));
                    answer = new KrpcResponse(query.transactionId(), id, List.of(), List.of(), List.of(),
                            Optional.of(new io.swarmplace.dht.internal.krpc.ByteString(new byte[4])), Optional.of(from))
                            .withItem(lie);
                }
                byte[] reply = codec.encode(answer).encode();
                socket.send(new DatagramPacket(reply, reply.length, from));
            } catch (SocketTimeoutException idle) {
                // Check for the end and listen again.
            } catch (Exception closed) {
                return;
            }
        }
    }
}
