package io.swarmplace.dht.internal.krpc;

import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BInteger;
import io.swarmplace.bencode.BList;
import io.swarmplace.bencode.BString;
import io.swarmplace.bencode.BValue;
import io.swarmplace.bencode.BencodeDecoder;
import io.swarmplace.bencode.BencodeEncoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Maps KRPC messages to and from bencoded dictionaries (BEP 5, with BEP 32 {@code nodes6}, BEP 42
 * {@code ip}, BEP 43 {@code ro}, BEP 44 get/put and BEP 51 sample_infohashes). Decoding checks every key it uses for presence, type and length
 * and ignores keys it does not know, as BEP 5 asks for forward compatibility. Stateless.
 */
public final class KrpcCodec {

    /** Longest transaction id accepted; real clients use 2 to 8 bytes. */
    public static final int MAX_TRANSACTION_ID = 64;
    /** Longest token accepted; libtorrent sends 4 bytes, others up to 20. */
    public static final int MAX_TOKEN = 64;
    /** Longest method name accepted. */
    public static final int MAX_METHOD = 64;
    /** Longest error text kept. */
    public static final int MAX_ERROR_TEXT = 256;
    /** Longest BEP 44 salt decoded at all; the node answers 207 above BEP 44's 64 bytes. */
    public static final int MAX_ITEM_FIELD = 1024;

    private static final BencodeEncoder ENCODER = new BencodeEncoder();
    private static final BencodeDecoder DECODER = new BencodeDecoder();

    private final byte[] version;

    /** @param version our client version ({@code v}: two letters and two version bytes), or empty for none */
    public KrpcCodec(byte[] version) {
        this.version = version.clone();
    }

    // ---------------------------------------------------------------- encoding

    public BDictionary encode(KrpcMessage message) {
        BDictionary.Builder out = BDictionary.builder().put("t", message.transactionId().bytes());
        if (version.length > 0) {
            out.put("v", version);
        }
        if (message instanceof KrpcQuery query) {
            encodeQuery(query, out);
        } else if (message instanceof KrpcResponse response) {
            encodeResponse(response, out);
        } else if (message instanceof KrpcError error) {
            out.put("y", "e").put("e", BList.of(BInteger.of(error.code()), BString.of(error.message())));
        }
        return out.build();
    }

    private static void encodeQuery(KrpcQuery query, BDictionary.Builder out) {
        BDictionary.Builder args = BDictionary.builder().put("id", query.sender().bytes());
        QueryBody body = query.body();
        if (body instanceof QueryBody.FindNode findNode) {
            args.put("target", findNode.target().bytes());
        } else if (body instanceof QueryBody.GetPeers getPeers) {
            args.put("info_hash", getPeers.infoHash().bytes());
        } else if (body instanceof QueryBody.AnnouncePeer announce) {
            args.put("info_hash", announce.infoHash().bytes())
                    .put("port", announce.port())
                    .put("token", announce.token().bytes());
            if (announce.impliedPort()) {
                args.put("implied_port", 1);
            }
        } else if (body instanceof QueryBody.Get get) {
            args.put("target", get.target().bytes());
            get.newerThan().ifPresent(seq -> args.put("seq", seq));
        } else if (body instanceof QueryBody.Put put) {
            args.put("token", put.token().bytes());
            putItem(put.item(), args);
            if (put.salt().length > 0) {
                args.put("salt", put.salt());
            }
            put.expectedSeq().ifPresent(cas -> args.put("cas", cas));
        } else if (body instanceof QueryBody.SampleInfoHashes sample) {
            args.put("target", sample.target().bytes());
        }
        if (!query.want().isEmpty()) {
            List<BValue> want = new ArrayList<>();
            for (KrpcQuery.Want family : KrpcQuery.Want.values()) {
                if (query.want().contains(family)) {
                    want.add(BString.of(family.wire()));
                }
            }
            args.put("want", new BList(want));
        }
        out.put("y", "q").put("q", query.method()).put("a", args.build());
        if (query.readOnly()) {
            out.put("ro", 1);
        }
    }

    private static void encodeResponse(KrpcResponse response, BDictionary.Builder out) {
        BDictionary.Builder values = BDictionary.builder().put("id", response.sender().bytes());
        if (!response.nodes().isEmpty()) {
            values.put("nodes", CompactFormats.nodes(response.nodes(), CompactFormats.IPV4_NODE));
        }
        if (!response.nodes6().isEmpty()) {
            values.put("nodes6", CompactFormats.nodes(response.nodes6(), CompactFormats.IPV6_NODE));
        }
        if (!response.values().isEmpty()) {
            List<BValue> peers = new ArrayList<>(response.values().size());
            for (InetSocketAddress peer : response.values()) {
                peers.add(BString.of(CompactFormats.peer(peer)));
            }
            values.put("values", new BList(peers));
        }
        response.token().ifPresent(token -> values.put("token", token.bytes()));
        response.item().ifPresent(item -> putItem(item, values));
        response.sample().ifPresent(sample -> {
            byte[] samples = new byte[sample.infoHashes().size() * NodeId.LENGTH];
            for (int i = 0; i < sample.infoHashes().size(); i++) {
                sample.infoHashes().get(i).copyTo(samples, i * NodeId.LENGTH);
            }
            values.put("samples", samples).put("num", sample.total()).put("interval", sample.interval());
        });
        out.put("y", "r").put("r", values.build());
        response.requester().ifPresent(requester -> out.put("ip", CompactFormats.peer(requester)));
    }

    private static void putItem(ItemPayload item, BDictionary.Builder out) {
        out.put("v", DECODER.decode(item.value()));
        item.signed().ifPresent(signed -> out.put("k", signed.publicKey()).put("sig", signed.signature())
                .put("seq", signed.seq()));
    }

    // ---------------------------------------------------------------- decoding

    /**
     * Decodes one message.
     *
     * @throws KrpcProtocolException naming the first key that is missing, mistyped or out of range
     */
    public KrpcMessage decode(BValue value) throws KrpcProtocolException {
        if (!(value instanceof BDictionary message)) {
            throw new KrpcProtocolException("a KRPC message is a dictionary, got a " + value.typeName());
        }
        ByteString transactionId = new ByteString(string(message, "t", null, 0, MAX_TRANSACTION_ID));
        String type = text(message, "y", null);
        return switch (type) {
            case "q" -> decodeQuery(message, transactionId);
            case "r" -> decodeResponse(message, transactionId);
            case "e" -> decodeError(message, transactionId);
            default -> throw new KrpcProtocolException("unknown message type y='" + type + "' (expected q, r or e)");
        };
    }

    private static KrpcQuery decodeQuery(BDictionary message, ByteString transactionId) throws KrpcProtocolException {
        String method = text(message, "q", transactionId);
        BDictionary args = dictionary(message, "a", transactionId);
        NodeId sender = id(args, "id", transactionId);
        boolean readOnly = optionalInteger(message, "ro", transactionId).orElse(0L) != 0;
        QueryBody body = switch (method) {
            case "ping" -> new QueryBody.Ping();
            case "find_node" -> new QueryBody.FindNode(id(args, "target", transactionId));
            case "get_peers" -> new QueryBody.GetPeers(id(args, "info_hash", transactionId));
            case "announce_peer" -> announce(args, transactionId);
            case "get" -> new QueryBody.Get(id(args, "target", transactionId),
                    optionalInteger(args, "seq", transactionId).map(OptionalLong::of).orElse(OptionalLong.empty()));
            case "put" -> put(args, transactionId);
            case "sample_infohashes" -> new QueryBody.SampleInfoHashes(id(args, "target", transactionId));
            default -> new QueryBody.Unknown(method);
        };
        return new KrpcQuery(transactionId, sender, readOnly, body, want(args));
    }

    private static QueryBody.AnnouncePeer announce(BDictionary args, ByteString transactionId) throws KrpcProtocolException {
        NodeId infoHash = id(args, "info_hash", transactionId);
        boolean implied = optionalInteger(args, "implied_port", transactionId).orElse(0L) != 0;
        long port = integer(args, "port", transactionId);
        // With implied_port the port key is ignored (libtorrent sends its listen port, some send 0).
        if (!implied && (port < 1 || port > 65_535) || implied && (port < 0 || port > 65_535)) {
            throw new KrpcProtocolException("announce_peer port " + port + " is not a port number", transactionId);
        }
        ByteString token = new ByteString(string(args, "token", transactionId, 1, MAX_TOKEN));
        return new QueryBody.AnnouncePeer(infoHash, (int) port, implied, token);
    }

    /** BEP 32 {@code want}: entries other than n4 and n6, or of the wrong type, are ignored. */
    private static Set<KrpcQuery.Want> want(BDictionary args) {
        if (!(args.get("want").orElse(null) instanceof BList list)) {
            return Set.of();
        }
        Set<KrpcQuery.Want> want = EnumSet.noneOf(KrpcQuery.Want.class);
        for (BValue entry : list.values()) {
            for (KrpcQuery.Want family : KrpcQuery.Want.values()) {
                if (entry instanceof BString text && text.utf8().equals(family.wire())) {
                    want.add(family);
                }
            }
        }
        return want;
    }

    private static QueryBody.Put put(BDictionary args, ByteString transactionId) throws KrpcProtocolException {
        ByteString token = new ByteString(string(args, "token", transactionId, 1, MAX_TOKEN));
        ItemPayload item = item(args, transactionId).orElseThrow(() -> new KrpcProtocolException("missing key 'v'",
                transactionId));
        // The salt's length is checked by the node, which answers error 207 as BEP 44 asks.
        byte[] salt = args.containsKey("salt") ? string(args, "salt", transactionId, 0, MAX_ITEM_FIELD) : new byte[0];
        OptionalLong cas = optionalInteger(args, "cas", transactionId).map(OptionalLong::of).orElse(OptionalLong.empty());
        return new QueryBody.Put(token, item, salt, cas);
    }

    private static Optional<ItemPayload> item(BDictionary dictionary, ByteString queryId) throws KrpcProtocolException {
        Optional<BValue> value = dictionary.get("v");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        byte[] encoded = ENCODER.encode(value.get());
        Optional<ItemPayload.Signed> signed = Optional.empty();
        if (dictionary.containsKey("k")) {
            byte[] publicKey = string(dictionary, "k", queryId, 32, 32);
            byte[] signature = string(dictionary, "sig", queryId, 64, 64);
            long seq = integer(dictionary, "seq", queryId);
            signed = Optional.of(new ItemPayload.Signed(publicKey, seq, signature));
        }
        return Optional.of(new ItemPayload(encoded, signed));
    }

    private static Optional<KrpcResponse.Sample> sample(BDictionary values) throws KrpcProtocolException {
        if (!values.containsKey("samples")) {
            return Optional.empty();
        }
        byte[] samples = string(values, "samples", null, 0, Integer.MAX_VALUE);
        if (samples.length % NodeId.LENGTH != 0) {
            throw new KrpcProtocolException("response key 'samples' has " + samples.length + " bytes, not a multiple of 20");
        }
        List<NodeId> infoHashes = new ArrayList<>(samples.length / NodeId.LENGTH);
        for (int offset = 0; offset < samples.length; offset += NodeId.LENGTH) {
            infoHashes.add(NodeId.of(samples, offset));
        }
        long total = optionalInteger(values, "num", null).orElse((long) infoHashes.size());
        long interval = optionalInteger(values, "interval", null).orElse(0L);
        return Optional.of(new KrpcResponse.Sample(infoHashes, (int) Math.max(0, Math.min(Integer.MAX_VALUE, total)),
                (int) Math.max(0, Math.min(Integer.MAX_VALUE, interval))));
    }

    private static KrpcResponse decodeResponse(BDictionary message, ByteString transactionId) throws KrpcProtocolException {
        BDictionary values = dictionary(message, "r", null);
        NodeId sender = id(values, "id", null);
        List<NodeContact> nodes = nodes(values, "nodes", CompactFormats.IPV4_NODE);
        List<NodeContact> nodes6 = nodes(values, "nodes6", CompactFormats.IPV6_NODE);
        List<InetSocketAddress> peers = new ArrayList<>();
        Optional<BValue> rawValues = values.get("values");
        if (rawValues.isPresent()) {
            if (!(rawValues.get() instanceof BList list)) {
                throw new KrpcProtocolException("response key 'values' must be a list, got a " + rawValues.get().typeName());
            }
            for (BValue entry : list.values()) {
                // Entries of other lengths are some other family or garbage: skipped, the rest is still useful.
                if (entry instanceof BString peer
                        && (peer.length() == CompactFormats.IPV4_PEER || peer.length() == CompactFormats.IPV6_PEER)) {
                    peers.add(CompactFormats.parsePeer(peer.bytes()));
                }
            }
        }
        Optional<ByteString> token = Optional.empty();
        if (values.containsKey("token")) {
            token = Optional.of(new ByteString(string(values, "token", null, 1, MAX_TOKEN)));
        }
        Optional<InetSocketAddress> requester = Optional.empty();
        if (message.get("ip").orElse(null) instanceof BString ip
                && (ip.length() == CompactFormats.IPV4_PEER || ip.length() == CompactFormats.IPV6_PEER)) {
            requester = Optional.of(CompactFormats.parsePeer(ip.bytes()));
        }
        return new KrpcResponse(transactionId, sender, nodes, nodes6, peers, token, requester, item(values, null),
                sample(values));
    }

    private static KrpcError decodeError(BDictionary message, ByteString transactionId) throws KrpcProtocolException {
        BValue raw = message.get("e").orElseThrow(() -> new KrpcProtocolException("error message without key 'e'"));
        if (!(raw instanceof BList list) || list.size() < 1 || !(list.get(0) instanceof BInteger code)) {
            throw new KrpcProtocolException("error key 'e' must be a list [code, message], got " + raw);
        }
        String text = list.size() > 1 && list.get(1) instanceof BString string ? string.utf8() : "";
        if (text.length() > MAX_ERROR_TEXT) {
            text = text.substring(0, MAX_ERROR_TEXT) + "...";
        }
        return new KrpcError(transactionId, (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, code.value())), text);
    }

    // ---------------------------------------------------------------- field access

    private static List<NodeContact> nodes(BDictionary values, String key, int entryLength) throws KrpcProtocolException {
        if (!values.containsKey(key)) {
            return List.of();
        }
        byte[] compact = string(values, key, null, 0, Integer.MAX_VALUE);
        if (compact.length % entryLength != 0) {
            throw new KrpcProtocolException("response key '" + key + "' has " + compact.length + " bytes, not a multiple of "
                    + entryLength);
        }
        return CompactFormats.parseNodes(compact, entryLength);
    }

    private static NodeId id(BDictionary dictionary, String key, ByteString queryId) throws KrpcProtocolException {
        return NodeId.of(string(dictionary, key, queryId, NodeId.LENGTH, NodeId.LENGTH));
    }

    private static byte[] string(BDictionary dictionary, String key, ByteString queryId, int min, int max)
            throws KrpcProtocolException {
        BValue value = dictionary.get(key).orElseThrow(() -> new KrpcProtocolException("missing key '" + key + "'", queryId));
        if (!(value instanceof BString string)) {
            throw new KrpcProtocolException("key '" + key + "' must be a byte string, got a " + value.typeName(), queryId);
        }
        if (string.length() < min || string.length() > max) {
            throw new KrpcProtocolException("key '" + key + "' has " + string.length() + " bytes, expected "
                    + (min == max ? String.valueOf(min) : min + " to " + max), queryId);
        }
        return string.bytes();
    }

    private static String text(BDictionary dictionary, String key, ByteString queryId) throws KrpcProtocolException {
        return new String(string(dictionary, key, queryId, 1, MAX_METHOD), StandardCharsets.ISO_8859_1);
    }

    private static BDictionary dictionary(BDictionary dictionary, String key, ByteString queryId) throws KrpcProtocolException {
        BValue value = dictionary.get(key).orElseThrow(() -> new KrpcProtocolException("missing key '" + key + "'", queryId));
        if (!(value instanceof BDictionary inner)) {
            throw new KrpcProtocolException("key '" + key + "' must be a dictionary, got a " + value.typeName(), queryId);
        }
        return inner;
    }

    private static long integer(BDictionary dictionary, String key, ByteString queryId) throws KrpcProtocolException {
        BValue value = dictionary.get(key).orElseThrow(() -> new KrpcProtocolException("missing key '" + key + "'", queryId));
        if (!(value instanceof BInteger integer)) {
            throw new KrpcProtocolException("key '" + key + "' must be an integer, got a " + value.typeName(), queryId);
        }
        return integer.value();
    }

    private static Optional<Long> optionalInteger(BDictionary dictionary, String key, ByteString queryId)
            throws KrpcProtocolException {
        return dictionary.containsKey(key) ? Optional.of(integer(dictionary, key, queryId)) : Optional.empty();
    }
}
