package io.swarmplace.dht.internal.routing;

import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BString;
import io.swarmplace.bencode.BValue;
import io.swarmplace.bencode.BencodeDecoder;
import io.swarmplace.bencode.BencodeException;
import io.swarmplace.bencode.DecodeLimits;
import io.swarmplace.dht.internal.krpc.CompactFormats;
import io.swarmplace.dht.internal.krpc.NodeContact;
import io.swarmplace.dht.internal.krpc.NodeId;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The routing table saved as a bencoded dictionary: {@code id} (20 bytes), {@code nodes} and
 * {@code nodes6} (compact node infos, as in KRPC). Written to a temporary file in the same folder and
 * moved over the old one, so a crash leaves the old or the new file, never half of one. Blocking file
 * I/O: never call it on an event loop.
 */
public final class RoutingStateFile {

    /** More than a full table of 160 buckets of 8 IPv6 nodes: anything bigger is not ours. */
    private static final int MAX_FILE = 64 * 1024;

    private final Path file;

    public RoutingStateFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    public void save(SavedRoutingState state) throws IOException {
        byte[] encoded = BDictionary.builder()
                .put("id", state.id().bytes())
                .put("nodes", CompactFormats.nodes(state.nodes(), CompactFormats.IPV4_NODE))
                .put("nodes6", CompactFormats.nodes(state.nodes(), CompactFormats.IPV6_NODE))
                .build()
                .encode();
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
        try {
            Files.write(temporary, encoded);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * The saved state, or empty if there is no file.
     *
     * @throws RoutingStateException if the file exists but is not a saved routing table
     */
    public Optional<SavedRoutingState> load() throws IOException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE) {
                throw new RoutingStateException(file + " has " + Files.size(file) + " bytes, more than a DHT routing table ("
                        + MAX_FILE + " at most); delete it to start with an empty table");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException none) {
            return Optional.empty();
        }
        try {
            BValue value = new BencodeDecoder(DecodeLimits.defaults().withMaxInputLength(MAX_FILE)).decode(bytes);
            if (!(value instanceof BDictionary dictionary)) {
                throw new RoutingStateException(file + " holds a bencoded " + value.typeName() + ", not a routing table dictionary; delete it to start with an empty table");
            }
            NodeId id = NodeId.of(bytes(dictionary, "id"));
            List<NodeContact> nodes = new ArrayList<>(CompactFormats.parseNodes(bytes(dictionary, "nodes"), CompactFormats.IPV4_NODE));
            nodes.addAll(CompactFormats.parseNodes(bytes(dictionary, "nodes6"), CompactFormats.IPV6_NODE));
            return Optional.of(new SavedRoutingState(id, nodes));
        } catch (BencodeException | IllegalArgumentException bad) {
            throw new RoutingStateException(file + " is not a saved DHT routing table (" + bad.getMessage()
                    + "); delete it to start with an empty table", bad);
        }
    }

    private byte[] bytes(BDictionary dictionary, String key) {
        if (!(dictionary.get(key).orElse(null) instanceof BString string)) {
            throw new RoutingStateException(file + " lacks the byte string '" + key + "'; delete it to start with an empty table");
        }
        return string.bytes();
    }
}
