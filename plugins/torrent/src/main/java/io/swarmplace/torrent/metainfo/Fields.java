package io.swarmplace.torrent.metainfo;

import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BInteger;
import io.swarmplace.bencode.BList;
import io.swarmplace.bencode.BString;
import io.swarmplace.bencode.BValue;
import java.util.Optional;

/**
 * Typed access to members of a bencoded dictionary, failing with a {@link MetainfoException} that names
 * the member by its path in the torrent (for example {@code info.files[3].length}).
 */
final class Fields {

    private final BDictionary dictionary;
    private final String where;

    Fields(BDictionary dictionary, String where) {
        this.dictionary = dictionary;
        this.where = where;
    }

    String where(String key) {
        return where.isEmpty() ? key : where + "." + key;
    }

    boolean has(String key) {
        return dictionary.containsKey(key);
    }

    Optional<BValue> optional(String key) {
        return dictionary.get(key);
    }

    BValue required(String key) {
        return dictionary.get(key).orElseThrow(() -> new MetainfoException(where(key) + " is missing"));
    }

    long requiredInteger(String key) {
        return asInteger(required(key), where(key));
    }

    BString requiredString(String key) {
        return asString(required(key), where(key));
    }

    BList requiredList(String key) {
        return asList(required(key), where(key));
    }

    Optional<Long> optionalInteger(String key) {
        return optional(key).map(value -> asInteger(value, where(key)));
    }

    Optional<BString> optionalString(String key) {
        return optional(key).map(value -> asString(value, where(key)));
    }

    static long asInteger(BValue value, String where) {
        if (value instanceof BInteger integer) {
            return integer.value();
        }
        throw wrongType(where, "an integer", value);
    }

    static BString asString(BValue value, String where) {
        if (value instanceof BString string) {
            return string;
        }
        throw wrongType(where, "a byte string", value);
    }

    static BList asList(BValue value, String where) {
        if (value instanceof BList list) {
            return list;
        }
        throw wrongType(where, "a list", value);
    }

    static BDictionary asDictionary(BValue value, String where) {
        if (value instanceof BDictionary dictionary) {
            return dictionary;
        }
        throw wrongType(where, "a dictionary", value);
    }

    private static MetainfoException wrongType(String where, String expected, BValue found) {
        return new MetainfoException(where + " must be " + expected + ", found " + article(found.typeName()));
    }

    static String article(String typeName) {
        return (typeName.startsWith("i") ? "an " : "a ") + typeName;
    }
}
