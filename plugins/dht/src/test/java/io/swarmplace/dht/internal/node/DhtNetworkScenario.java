package io.swarmplace.dht.internal.node;

import io.swarmplace.dht.AnnounceResult;
import io.swarmplace.dht.MutableItem;
import io.swarmplace.dht.internal.item.Ed25519Keys;
import io.swarmplace.dht.internal.item.ItemValues;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A network of our nodes on 127.0.0.1 in this JVM (one shared event loop group), driven as the network
 * test and the network benchmark both need it: join, announce, look up from random nodes, kill a share
 * of the nodes, publish mutable items with rising seq. Lookups are issued in batches so that a
 * benchmark's latency figures measure the network, not a queue of thousands of lookups at once.
 */
final class DhtNetworkScenario implements AutoCloseable {

    /** Lookups in flight at once. */
    private static final int BATCH = 25;
    private static final long WAIT_SECONDS = 60;

    private final LoopbackNodes network;
    private final Random random;
    private final List<DhtRuntime> live = new ArrayList<>();
    private final List<Announced> announced = new ArrayList<>();

    record Announced(byte[] infoHash, int port) {}

    /** One lookup's figures. */
    record Lookup(boolean found, long nanos, int hops, int queried, int answered) {}

    private DhtNetworkScenario(LoopbackNodes network, Random random) {
        this.network = network;
        this.random = random;
    }

    /**
     * Starts {@code size} nodes, each bootstrapped from a random earlier one, then has each look up its
     * own id once more (what its first bucket refresh would do) so early nodes learn of later ones.
     */
    static DhtNetworkScenario start(int size, int threads, long seed) throws Exception {
        DhtNetworkScenario scenario = new DhtNetworkScenario(new LoopbackNodes(threads), new Random(seed));
        try {
            DhtSettings settings = DhtSettings.loopback().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(10));
            scenario.live.add(scenario.network.start(settings));
            for (int i = 1; i < size; i++) {
                DhtRuntime known = scenario.live.get(scenario.random.nextInt(scenario.live.size()));
                scenario.live.add(scenario.network.start(settings.withBootstrap(known.reachableAddress())));
            }
            awaitAll(scenario.live.stream().map(DhtRuntime::refreshNeighbourhood).toList());
            return scenario;
        } catch (Exception | Error failed) {
            scenario.close();
            throw failed;
        }
    }

    List<DhtRuntime> live() {
        return Collections.unmodifiableList(live);
    }

    DhtRuntime randomNode() {
        return live.get(random.nextInt(live.size()));
    }

    /** Announces {@code count} random info-hashes from random nodes; returns the least nodes any announce reached. */
    int announce(int count) throws Exception {
        List<CompletableFuture<AnnounceResult>> announces = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] infoHash = new byte[20];
            random.nextBytes(infoHash);
            Announced next = new Announced(infoHash, 10_000 + announced.size());
            announced.add(next);
            announces.add(randomNode().announce(infoHash, next.port()));
        }
        int least = Integer.MAX_VALUE;
        for (CompletableFuture<AnnounceResult> announce : announces) {
            least = Math.min(least, announce.get(WAIT_SECONDS, TimeUnit.SECONDS).announcedTo().size());
        }
        return least;
    }

    /** {@code perInfoHash} get_peers lookups of every announced info-hash, each from a random live node. */
    List<Lookup> lookUpAnnounced(int perInfoHash) throws Exception {
        List<Lookup> results = new ArrayList<>();
        List<Announced> work = new ArrayList<>();
        for (Announced each : announced) {
            for (int i = 0; i < perInfoHash; i++) {
                work.add(each);
            }
        }
        for (int from = 0; from < work.size(); from += BATCH) {
            List<Announced> batch = work.subList(from, Math.min(work.size(), from + BATCH));
            List<CompletableFuture<Lookup>> lookups = new ArrayList<>();
            for (Announced target : batch) {
                long started = System.nanoTime();
                InetSocketAddress expected = new InetSocketAddress("127.0.0.1", target.port());
                lookups.add(randomNode().measuredGetPeers(target.infoHash()).thenApply(result -> new Lookup(
                        result.peers().contains(expected), System.nanoTime() - started, result.hops(), result.nodesQueried(),
                        result.nodesAnswered())));
            }
            for (CompletableFuture<Lookup> lookup : lookups) {
                results.add(lookup.get(WAIT_SECONDS, TimeUnit.SECONDS));
            }
        }
        return results;
    }

    /** Closes a random {@code share} of the nodes at once, as a crash would (no goodbye to anyone). */
    int kill(double share) {
        int victims = (int) Math.round(live.size() * share);
        Collections.shuffle(live, random);
        List<DhtRuntime> killed = new ArrayList<>(live.subList(0, victims));
        live.subList(0, victims).clear();
        killed.parallelStream().forEach(DhtRuntime::close);
        return victims;
    }

    /**
     * Publishes a mutable item at seq 1 to {@code rounds} from random nodes and reads it back after each put
     * from {@code readers} random nodes; returns the seq each read saw (0 for nothing found).
     */
    List<Long> risingSeq(int rounds, int readers) throws Exception {
        KeyPair keys = ed25519();
        byte[] publicKey = Ed25519Keys.rawPublicKey(keys.getPublic());
        byte[] salt = "scenario".getBytes(StandardCharsets.US_ASCII);
        List<Long> seen = new ArrayList<>();
        for (long seq = 1; seq <= rounds; seq++) {
            byte[] value = ItemValues.bencodedString("offer " + seq);
            randomNode().putMutable(keys, salt, seq, value, OptionalLong.empty()).get(WAIT_SECONDS, TimeUnit.SECONDS);
            List<CompletableFuture<Optional<MutableItem>>> reads = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                reads.add(randomNode().getMutable(publicKey, salt));
            }
            for (CompletableFuture<Optional<MutableItem>> read : reads) {
                Optional<MutableItem> item = read.get(WAIT_SECONDS, TimeUnit.SECONDS);
                seen.add(item.filter(found -> Arrays.equals(found.value(), value)).map(MutableItem::seq).orElse(0L));
            }
        }
        return seen;
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static void awaitAll(List<? extends CompletableFuture<?>> futures)
            throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(WAIT_SECONDS * 2, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        network.close();
    }
}
