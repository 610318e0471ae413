package io.swarmplace.dht.internal.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.swarmplace.dht.internal.krpc.ByteString;
import io.swarmplace.dht.internal.krpc.NodeId;
import io.swarmplace.dht.internal.routing.ManualClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Token rotation and the bounded, expiring peer store, on a manual clock. */
class TokensAndPeerStoreTest {

    private final ManualClock clock = new ManualClock();
    private final Random random = new Random(8);

    @Test
    void aTokenIsGoodForItsAddressThroughOneRotationButNotTwo() throws Exception {
        Tokens tokens = new Tokens(random, clock);
        InetAddress ip = InetAddress.getByName("203.0.114.7");
        InetAddress other = InetAddress.getByName("203.0.114.8");
        ByteString token = tokens.tokenFor(ip);
        assertThat(token.length()).isEqualTo(8);
        assertThat(tokens.isValid(token, ip)).isTrue();
        assertThat(tokens.isValid(token, other)).isFalse();
        assertThat(tokens.isValid(new ByteString(new byte[8]), ip)).isFalse();

        clock.advance(Tokens.ROTATION.minusSeconds(1));
        assertThat(tokens.tokenFor(ip)).isEqualTo(token);
        clock.advance(Duration.ofSeconds(1));
        ByteString next = tokens.tokenFor(ip);
        assertThat(next).isNotEqualTo(token);
        assertThat(tokens.isValid(token, ip)).isTrue();
        clock.advance(Tokens.ROTATION);
        assertThat(tokens.isValid(token, ip)).isFalse();
        assertThat(tokens.isValid(next, ip)).isTrue();

        // A node quiet for two rotations forgets both secrets.
        clock.advance(Tokens.ROTATION.multipliedBy(2));
        assertThat(tokens.isValid(next, ip)).isFalse();
    }

    @Test
    void peersExpireAfterTheirTtlAndTheStoreStaysWithinItsBounds() {
        PeerStore store = new PeerStore(2, 3, Duration.ofMinutes(30), clock);
        NodeId a = NodeId.random(random);
        NodeId b = NodeId.random(random);
        NodeId c = NodeId.random(random);
        for (int port = 1; port <= 5; port++) {
            assertThat(store.add(a, new InetSocketAddress("127.0.0.1", port))).isTrue();
        }
        // Only the three most recently announced stay.
        assertThat(store.peers(a, 10, random)).extracting(InetSocketAddress::getPort).containsExactlyInAnyOrder(3, 4, 5);
        assertThat(store.peers(a, 2, random)).hasSize(2);
        assertThat(store.add(b, new InetSocketAddress("127.0.0.1", 9))).isTrue();
        assertThat(store.add(c, new InetSocketAddress("127.0.0.1", 9))).as("a third info-hash").isFalse();
        assertThat(store.infoHashCount()).isEqualTo(2);
        assertThat(store.peerCount()).isEqualTo(4);

        clock.advance(Duration.ofMinutes(20));
        store.add(a, new InetSocketAddress("127.0.0.1", 3)); // renewed
        clock.advance(Duration.ofMinutes(11));
        assertThat(store.peers(a, 10, random)).extracting(InetSocketAddress::getPort).containsExactly(3);
        store.expire();
        assertThat(store.peerCount()).isEqualTo(1);
        assertThat(store.infoHashCount()).isEqualTo(1);
        assertThat(store.add(c, new InetSocketAddress("127.0.0.1", 9))).as("room again after expiry").isTrue();
    }
}
