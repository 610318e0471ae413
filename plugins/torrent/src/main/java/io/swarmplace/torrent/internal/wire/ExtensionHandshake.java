package io.swarmplace.torrent.internal.wire;

import io.netty.buffer.ByteBuf;
import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BInteger;
import io.swarmplace.bencode.BString;
import io.swarmplace.bencode.BValue;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The BEP 10 extension handshake (extended message id 0). Keys this record does not know are ignored;
 * a known key with the wrong type or an impossible value is a {@link PeerProtocolException}.
 *
 * @param messageIds "m": extension name to the id the sender wants to receive it under; 0 disables it
 * @param clientVersion "v"
 * @param listenPort "p": the sender's TCP listen port
 * @param requestQueueLength "reqq": how many outstanding requests the sender accepts
 * @param metadataSize "metadata_size" (BEP 9): length of the info dictionary the sender can serve
 * @param yourIp "yourip": our address as the sender sees it
 * @param ipv4 "ipv4": the sender's own IPv4 address
 * @param ipv6 "ipv6": the sender's own IPv6 address
 */
public record ExtensionHandshake(
        Map<String, Integer> messageIds,
        Optional<String> clientVersion,
        OptionalInt listenPort,
        OptionalInt requestQueueLength,
        OptionalInt metadataSize,
        Optional<InetAddress> yourIp,
        Optional<Inet4Address> ipv4,
        Optional<Inet6Address> ipv6) {

    /** The extended message id of the handshake itself. */
    public static final int ID = 0;
    public static final String UT_METADATA = "ut_metadata";
    public static final String UT_PEX = "ut_pex";

    private static final String WHAT = "extension handshake";

    public ExtensionHandshake {
        for (Map.Entry<String, Integer> entry : messageIds.entrySet()) {
            if (entry.getValue() < 0 || entry.getValue() > 0xFF) {
                throw new IllegalArgumentException("extension " + entry.getKey() + " has id " + entry.getValue()
                        + ", outside 0..255");
            }
        }
        messageIds = Collections.unmodifiableMap(new TreeMap<>(messageIds));
    }

    /** Only the extension ids, nothing else. */
    public static ExtensionHandshake of(Map<String, Integer> messageIds) {
        return new ExtensionHandshake(messageIds, Optional.empty(), OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The id to send extension {@code name} under, if the sender enabled it. */
    public OptionalInt idOf(String name) {
        Integer id = messageIds.get(name);
        return id == null || id == 0 ? OptionalInt.empty() : OptionalInt.of(id);
    }

    public ExtensionHandshake withClientVersion(String version) {
        return new ExtensionHandshake(messageIds, Optional.of(version), listenPort, requestQueueLength, metadataSize,
                yourIp, ipv4, ipv6);
    }

    public ExtensionHandshake withListenPort(int port) {
        return new ExtensionHandshake(messageIds, clientVersion, OptionalInt.of(port), requestQueueLength,
                metadataSize, yourIp, ipv4, ipv6);
    }

    public ExtensionHandshake withRequestQueueLength(int length) {
        return new ExtensionHandshake(messageIds, clientVersion, listenPort, OptionalInt.of(length), metadataSize,
                yourIp, ipv4, ipv6);
    }

    public ExtensionHandshake withMetadataSize(int size) {
        return new ExtensionHandshake(messageIds, clientVersion, listenPort, requestQueueLength, OptionalInt.of(size),
                yourIp, ipv4, ipv6);
    }

    public ExtensionHandshake withYourIp(InetAddress address) {
        return new ExtensionHandshake(messageIds, clientVersion, listenPort, requestQueueLength, metadataSize,
                Optional.of(address), ipv4, ipv6);
    }

    public byte[] encode() {
        BDictionary.Builder m = BDictionary.builder();
        messageIds.forEach((name, id) -> m.put(name, id));
        BDictionary.Builder dict = BDictionary.builder().put("m", m.build());
        clientVersion.ifPresent(v -> dict.put("v", v));
        listenPort.ifPresent(p -> dict.put("p", p));
        requestQueueLength.ifPresent(q -> dict.put("reqq", q));
        metadataSize.ifPresent(s -> dict.put("metadata_size", s));
        yourIp.ifPresent(ip -> dict.put("yourip", ip.getAddress()));
        ipv4.ifPresent(ip -> dict.put("ipv4", ip.getAddress()));
        ipv6.ifPresent(ip -> dict.put("ipv6", ip.getAddress()));
        return dict.build().encode();
    }

    /** Decodes the payload of an extended message with id {@link #ID}; the caller keeps its reference. */
    public static ExtensionHandshake decode(ByteBuf payload) {
        return decode(ExtensionPayloads.bytesOf(payload, WHAT));
    }

    public static ExtensionHandshake decode(byte[] payload) {
        BDictionary dict = ExtensionPayloads.dictionary(payload, WHAT);
        return new ExtensionHandshake(
                messageIds(dict),
                ExtensionPayloads.string(dict, "v", WHAT).map(BString::utf8),
                optionalInt(ExtensionPayloads.integerInRange(dict, "p", 0, 0xFFFF, WHAT).filter(p -> p != 0)),
                optionalInt(ExtensionPayloads.integerInRange(dict, "reqq", 0, Integer.MAX_VALUE, WHAT)),
                optionalInt(ExtensionPayloads.integerInRange(dict, "metadata_size", 0, Integer.MAX_VALUE, WHAT)),
                ExtensionPayloads.string(dict, "yourip", WHAT).map(ip -> address(ip, "yourip", 4, 16)),
                ExtensionPayloads.string(dict, "ipv4", WHAT).map(ip -> (Inet4Address) address(ip, "ipv4", 4, 4)),
                ExtensionPayloads.string(dict, "ipv6", WHAT).map(ip -> ipv6(address(ip, "ipv6", 16, 16))));
    }

    private static Map<String, Integer> messageIds(BDictionary dict) {
        Optional<BValue> m = dict.get("m");
        if (m.isEmpty()) {
            return Map.of();
        }
        if (!(m.get() instanceof BDictionary names)) {
            throw new PeerProtocolException(WHAT + ": \"m\" must be a dictionary, got a " + m.get().typeName());
        }
        Map<String, Integer> ids = new TreeMap<>();
        for (Map.Entry<BString, BValue> entry : names.entries().entrySet()) {
            String name = entry.getKey().utf8();
            if (!(entry.getValue() instanceof BInteger id) || id.value() < 0 || id.value() > 0xFF) {
                throw new PeerProtocolException(WHAT + ": extension \"" + name + "\" must map to an id 0..255, got "
                        + entry.getValue());
            }
            ids.put(name, (int) id.value());
        }
        return ids;
    }

    private static OptionalInt optionalInt(Optional<Integer> value) {
        return value.map(OptionalInt::of).orElseGet(OptionalInt::empty);
    }

    private static InetAddress address(BString raw, String key, int minLength, int maxLength) {
        if (raw.length() != minLength && raw.length() != maxLength) {
            throw new PeerProtocolException(WHAT + ": \"" + key + "\" must be a compact address of "
                    + (minLength == maxLength ? minLength : minLength + " or " + maxLength) + " bytes, got "
                    + raw.length());
        }
        try {
            return InetAddress.getByAddress(raw.bytes());
        } catch (UnknownHostException impossible) {
            throw new PeerProtocolException(WHAT + ": \"" + key + "\" is not an address", impossible);
        }
    }

    /** Java turns an IPv4-mapped IPv6 address into an Inet4Address; rebuild it as IPv6. */
    private static Inet6Address ipv6(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            return v6;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(address.getAddress(), 0, mapped, 12, 4);
        try {
            return Inet6Address.getByAddress(null, mapped, -1);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
