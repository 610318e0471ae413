package io.swarmplace.dht.internal;

import io.swarmplace.dht.DhtContact;
import io.swarmplace.dht.DhtException;
import io.swarmplace.dht.DhtService;
import io.swarmplace.dht.DhtStats;
import io.swarmplace.dht.DropReason;
import io.swarmplace.dht.ImmutableItem;
import io.swarmplace.dht.ItemPutResult;
import io.swarmplace.dht.MutableItem;
import io.swarmplace.dht.internal.item.Ed25519Keys;
import io.swarmplace.dht.internal.item.ItemValues;
import io.swarmplace.dht.internal.item.KeyFile;
import io.swarmplace.dht.PeerLookup;
import io.swarmplace.dht.internal.krpc.NodeId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Shell commands {@code dht:status}, {@code dht:lookup}, {@code dht:get} and {@code dht:put}. */
@Component(
        service = DhtCommands.class,
        property = {
            "osgi.command.scope=dht",
            "osgi.command.function=status",
            "osgi.command.function=lookup",
            "osgi.command.function=get",
            "osgi.command.function=put"
        })
public class DhtCommands {

    /** Longer than any lookup's own bound, so the command reports the lookup's outcome rather than its own timeout. */
    private static final long LOOKUP_WAIT_SECONDS = 60;

    private final DhtService dht;

    @Activate
    public DhtCommands(@Reference DhtService dht) {
        this.dht = dht;
    }

    @Descriptor("shows the DHT node's id, address, routing table and counters")
    public String status() {
        DhtStats stats = dht.stats();
        if (stats.localAddress().isEmpty()) {
            return "DHT not running (set enabled=true in PID " + DhtNode.PID + ")";
        }
        String sockets = stats.localAddresses().stream()
                .map(local -> local.getAddress().getHostAddress() + ":" + local.getPort())
                .collect(Collectors.joining(", "));
        String drops = stats.dropped().entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> e.getKey().name().toLowerCase(java.util.Locale.ROOT) + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return "DHT node\n"
                + "  id:       " + stats.nodeIdHex() + '\n'
                + "  udp:      " + sockets + '\n'
                + "  routing:  " + stats.routingTableNodes() + " nodes in " + stats.buckets() + " buckets, "
                + stats.replacementNodes() + " waiting\n"
                + "  messages: " + stats.messagesIn() + " in, " + stats.messagesOut() + " out\n"
                + "  dropped:  " + stats.droppedTotal() + (drops.isEmpty() ? "" : " (" + drops + ")") + '\n'
                + "  stored:   " + stats.storedPeers() + " peers for " + stats.storedInfoHashes() + " info-hashes, "
                + stats.storedImmutableItems() + " immutable and " + stats.storedMutableItems() + " mutable items";
    }

    @Descriptor("looks up peers for an info-hash in the DHT")
    public String lookup(@Descriptor("the info-hash, 40 hex digits") String infoHashHex) throws InterruptedException {
        NodeId infoHash = NodeId.parseHex(infoHashHex);
        PeerLookup found = await(dht.getPeers(infoHash.bytes()), "the lookup for " + infoHash.hex());
        StringBuilder out = new StringBuilder("Info-hash ").append(found.infoHashHex()).append(": ")
                .append(found.peers().size()).append(" peers from ").append(found.nodesAnswered()).append(" of ")
                .append(found.nodesQueried()).append(" nodes asked");
        for (InetSocketAddress peer : found.peers()) {
            out.append("\n  peer ").append(peer.getAddress().getHostAddress()).append(':').append(peer.getPort());
        }
        for (DhtContact node : found.closestNodes()) {
            out.append("\n  node ").append(node);
        }
        return out.toString();
    }

    @Descriptor("reads a BEP 44 item: an immutable one by its target, or a mutable one by its public key and salt")
    public String get(
            @Descriptor("salt of a mutable item (text)") @Parameter(names = {"-s", "--salt"}, absentValue = "") String salt,
            @Descriptor("40 hex digits: an immutable item's target; 64 hex digits: a mutable item's public key") String key)
            throws InterruptedException {
        byte[] bytes = hex(key);
        if (bytes.length == MutableItem.PUBLIC_KEY_LENGTH) {
            Optional<MutableItem> found = await(dht.getMutable(bytes, utf8(salt)), "the get of " + key);
            return found.map(item -> "Mutable item " + key + (salt.isEmpty() ? "" : " salt " + salt) + " seq " + item.seq()
                    + "\n  value: " + ItemValues.describe(item.value())).orElse("No node has a mutable item for " + key
                    + (salt.isEmpty() ? "" : " with salt " + salt));
        }
        if (bytes.length != DhtService.ID_LENGTH || !salt.isEmpty()) {
            throw new IllegalArgumentException("give 40 hex digits (an immutable item's target, no salt) or 64 (a mutable item's"
                    + " public key), got " + bytes.length + " bytes");
        }
        Optional<ImmutableItem> found = await(dht.getImmutable(bytes), "the get of " + key);
        return found.map(item -> "Immutable item " + item.targetHex() + "\n  value: " + ItemValues.describe(item.value()))
                .orElse("No node has an immutable item " + key.toLowerCase(Locale.ROOT));
    }

    @Descriptor("stores a BEP 44 item: immutable, or mutable (signed) with --key")
    public String put(
            @Descriptor("ed25519 key file (64 hex digits); created with a new key if it does not exist")
                    @Parameter(names = {"-k", "--key"}, absentValue = "") String keyFile,
            @Descriptor("salt of a mutable item (text)") @Parameter(names = {"-s", "--salt"}, absentValue = "") String salt,
            @Descriptor("seq of a mutable item (default: one above the newest found)")
                    @Parameter(names = {"--seq"}, absentValue = "-1") long seq,
            @Descriptor("the value is bencode already (default: text, stored as a bencoded string)")
                    @Parameter(names = {"-b", "--bencoded"}, presentValue = "true", absentValue = "false") boolean bencoded,
            @Descriptor("the value") String value) throws InterruptedException, IOException {
        byte[] encoded = bencoded ? value.getBytes(StandardCharsets.UTF_8) : ItemValues.bencodedString(value);
        if (keyFile.isEmpty()) {
            if (!salt.isEmpty() || seq != -1) {
                throw new IllegalArgumentException("--salt and --seq are for mutable items: add --key FILE");
            }
            ItemPutResult put = await(dht.putImmutable(encoded), "the put");
            return "Stored immutable item " + put.targetHex() + " on " + put.storedAt().size() + " nodes"
                    + (put.refused() > 0 ? " (" + put.refused() + " refused)" : "");
        }
        Path path = Path.of(keyFile);
        boolean created = !Files.exists(path);
        KeyPair keys = created ? KeyFile.create(path, new SecureRandom()) : KeyFile.read(path);
        byte[] publicKey = Ed25519Keys.rawPublicKey(keys.getPublic());
        OptionalLong expected = OptionalLong.empty();
        long useSeq = seq;
        if (seq < 0) {
            Optional<MutableItem> current = await(dht.getMutable(publicKey, utf8(salt)), "the get of the current seq");
            useSeq = current.map(item -> item.seq() + 1).orElse(1L);
            expected = current.map(item -> OptionalLong.of(item.seq())).orElse(OptionalLong.empty());
        }
        ItemPutResult put = await(dht.putMutable(keys, utf8(salt), useSeq, encoded, expected), "the put");
        return (created ? "New key written to " + path.toAbsolutePath() + "\n" : "") + "Stored mutable item seq " + useSeq
                + " on " + put.storedAt().size() + " nodes" + (put.refused() > 0 ? " (" + put.refused() + " refused)" : "")
                + "\n  public key: " + HexFormat.of().formatHex(publicKey) + (salt.isEmpty() ? "" : "\n  salt: " + salt)
                + "\n  target: " + put.targetHex();
    }

    private static byte[] hex(String text) {
        try {
            return HexFormat.of().parseHex(text.strip());
        } catch (IllegalArgumentException notHex) {
            throw new IllegalArgumentException("'" + text + "' is not hex digits");
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Waits longer than any lookup's own bound, so the command reports the DHT's outcome rather than its own timeout. */
    private static <T> T await(CompletableFuture<T> operation, String what) throws InterruptedException {
        try {
            return operation.get(LOOKUP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            throw cause instanceof DhtException dht ? dht : new DhtException(what + " failed: " + cause, cause);
        } catch (TimeoutException slow) {
            throw new DhtException(what + " did not end within " + LOOKUP_WAIT_SECONDS + " s");
        }
    }
}
