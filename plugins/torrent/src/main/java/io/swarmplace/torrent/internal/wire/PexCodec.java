package io.swarmplace.torrent.internal.wire;

import io.netty.buffer.ByteBuf;
import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BString;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Encodes and decodes ut_pex payloads: "added"/"added.f"/"dropped" for IPv4, "added6"/"added6.f"/
 * "dropped6" for IPv6. A payload that is not a dictionary, or a peer list that is not a whole number of
 * entries, is a {@link PeerProtocolException}; flags whose length does not match their peer list are
 * ignored (libtorrent does the same); peers beyond {@link PexMessage#MAX_PEERS} are dropped and counted.
 */
public final class PexCodec {

    private static final String WHAT = "ut_pex message";

    private final WireStatistics statistics;

    public PexCodec(WireStatistics statistics) {
        this.statistics = statistics;
    }

    /** Decodes the payload of a ut_pex extended message; the caller keeps its reference. */
    public PexMessage decode(ByteBuf payload) {
        return decode(ExtensionPayloads.bytesOf(payload, WHAT));
    }

    public PexMessage decode(byte[] payload) {
        BDictionary dict = ExtensionPayloads.dictionary(payload, WHAT);
        Budget addedBudget = new Budget();
        List<PexPeer> added = new ArrayList<>();
        addWithFlags(added, peers(dict, "added", false, addedBudget), flags(dict, "added.f"), announced(dict, "added", false));
        addWithFlags(added, peers(dict, "added6", true, addedBudget), flags(dict, "added6.f"), announced(dict, "added6", true));
        Budget droppedBudget = new Budget();
        List<InetSocketAddress> dropped = new ArrayList<>(peers(dict, "dropped", false, droppedBudget));
        dropped.addAll(peers(dict, "dropped6", true, droppedBudget));
        int discarded = addedBudget.discarded + droppedBudget.discarded;
        if (discarded > 0) {
            statistics.discardedPexPeers(discarded);
        }
        return new PexMessage(added, dropped);
    }

    /** Room left in one message for IPv4 and IPv6 peers together; only the kept peers are ever decoded. */
    private static final class Budget {
        int left = PexMessage.MAX_PEERS;
        int discarded;
    }

    public byte[] encode(PexMessage message) {
        List<InetSocketAddress> added4 = new ArrayList<>();
        List<InetSocketAddress> added6 = new ArrayList<>();
        List<Byte> flags4 = new ArrayList<>();
        List<Byte> flags6 = new ArrayList<>();
        for (PexPeer peer : message.added()) {
            boolean v4 = peer.address().getAddress() instanceof Inet4Address;
            (v4 ? added4 : added6).add(peer.address());
            (v4 ? flags4 : flags6).add((byte) peer.flags().bits());
        }
        List<InetSocketAddress> dropped4 = message.dropped().stream()
                .filter(a -> a.getAddress() instanceof Inet4Address).toList();
        List<InetSocketAddress> dropped6 = message.dropped().stream()
                .filter(a -> !(a.getAddress() instanceof Inet4Address)).toList();
        BDictionary.Builder dict = BDictionary.builder()
                .put("added", CompactPeers.encodeIpv4(added4))
                .put("added.f", bytes(flags4))
                .put("dropped", CompactPeers.encodeIpv4(dropped4));
        if (!added6.isEmpty() || !dropped6.isEmpty()) {
            dict.put("added6", CompactPeers.encodeIpv6(added6))
                    .put("added6.f", bytes(flags6))
                    .put("dropped6", CompactPeers.encodeIpv6(dropped6));
        }
        return dict.build().encode();
    }

    private static List<InetSocketAddress> peers(BDictionary dict, String key, boolean ipv6, Budget budget) {
        Optional<BString> compact = ExtensionPayloads.string(dict, key, WHAT);
        if (compact.isEmpty()) {
            return List.of();
        }
        byte[] bytes = compact.get().bytes();
        try {
            int total = CompactPeers.count(bytes.length, ipv6);
            int kept = Math.min(total, budget.left);
            budget.left -= kept;
            budget.discarded += total - kept;
            return ipv6 ? CompactPeers.decodeIpv6(bytes, kept) : CompactPeers.decodeIpv4(bytes, kept);
        } catch (CompactPeerException e) {
            throw new PeerProtocolException(WHAT + ": \"" + key + "\": " + e.getMessage(), e);
        }
    }

    /** Entries in a list already checked by {@link #peers}. */
    private static int announced(BDictionary dict, String key, boolean ipv6) {
        return ExtensionPayloads.string(dict, key, WHAT).map(c -> CompactPeers.count(c.length(), ipv6)).orElse(0);
    }

    private static byte[] flags(BDictionary dict, String key) {
        return ExtensionPayloads.string(dict, key, WHAT).map(BString::bytes).orElse(new byte[0]);
    }

    /** Flags are used only when there is exactly one per announced peer (peers may have been cut short). */
    private static void addWithFlags(List<PexPeer> into, List<InetSocketAddress> peers, byte[] flags, int announced) {
        boolean flagsMatch = flags.length == announced;
        for (int i = 0; i < peers.size(); i++) {
            into.add(new PexPeer(peers.get(i), flagsMatch ? new PexFlags(flags[i] & 0xFF) : PexFlags.NONE));
        }
    }

    private static byte[] bytes(List<Byte> values) {
        byte[] out = new byte[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
