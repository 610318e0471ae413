package io.swarmplace.torrent.internal.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BInteger;
import io.swarmplace.bencode.BString;
import io.swarmplace.bencode.BValue;
import io.swarmplace.bencode.BencodeDecoder;
import io.swarmplace.bencode.BencodeException;
import io.swarmplace.bencode.DecodeLimits;
import io.swarmplace.bencode.Decoded;
import java.util.Optional;

/**
 * Reading the bencoded dictionaries inside extension messages, with limits fit for them and errors that
 * name the message and the field.
 */
final class ExtensionPayloads {

    /** Extension dictionaries are shallow and small; these bounds leave room for clients' extra keys. */
    static final DecodeLimits LIMITS = new DecodeLimits(16, 20_000,
            MessageLimits.EXTENSION_MESSAGE, MessageLimits.EXTENSION_MESSAGE);

    private static final BencodeDecoder DECODER = new BencodeDecoder(LIMITS);

    private ExtensionPayloads() {}

    /** A copy of the readable bytes, refusing more than an extension message may hold. */
    static byte[] bytesOf(ByteBuf payload, String what) {
        if (payload.readableBytes() > MessageLimits.EXTENSION_MESSAGE) {
            throw new PeerProtocolException(what + " of " + payload.readableBytes() + " bytes exceeds limit "
                    + MessageLimits.EXTENSION_MESSAGE);
        }
        return ByteBufUtil.getBytes(payload);
    }

    /** The dictionary at the start of {@code payload}; {@link Decoded#end()} says where it ended. */
    static Decoded dictionaryPrefix(byte[] payload, String what) {
        Decoded decoded;
        try {
            decoded = DECODER.decodePrefix(payload, 0);
        } catch (BencodeException e) {
            throw new PeerProtocolException(what + " is not valid bencode: " + e.getMessage(), e);
        }
        if (!(decoded.value() instanceof BDictionary)) {
            throw new PeerProtocolException(what + " must be a dictionary, got a " + decoded.value().typeName());
        }
        return decoded;
    }

    /** The whole of {@code payload} as one dictionary. */
    static BDictionary dictionary(byte[] payload, String what) {
        Decoded decoded = dictionaryPrefix(payload, what);
        if (decoded.end() != payload.length) {
            throw new PeerProtocolException(what + " has " + (payload.length - decoded.end())
                    + " bytes after its dictionary");
        }
        return (BDictionary) decoded.value();
    }

    static Optional<Long> integer(BDictionary dict, String key, String what) {
        return typed(dict, key, BInteger.class, "an integer", what).map(BInteger::value);
    }

    static Optional<Integer> integerInRange(BDictionary dict, String key, long min, long max, String what) {
        Optional<Long> value = integer(dict, key, what);
        if (value.isPresent() && (value.get() < min || value.get() > max)) {
            throw new PeerProtocolException(what + ": \"" + key + "\" is " + value.get() + ", outside " + min + ".." + max);
        }
        return value.map(Long::intValue);
    }

    static Optional<BString> string(BDictionary dict, String key, String what) {
        return typed(dict, key, BString.class, "a byte string", what);
    }

    /** The value of {@code key} if present; present with another type breaks the protocol. */
    private static <T extends BValue> Optional<T> typed(BDictionary dict, String key, Class<T> type, String expected, String what) {
        Optional<BValue> value = dict.get(key);
        if (value.isPresent() && !type.isInstance(value.get())) {
            throw new PeerProtocolException(what + ": \"" + key + "\" must be " + expected + ", got a " + value.get().typeName());
        }
        return value.map(type::cast);
    }
}
