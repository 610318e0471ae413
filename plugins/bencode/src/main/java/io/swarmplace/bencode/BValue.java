package io.swarmplace.bencode;

/**
 * A bencoded value: an integer, a byte string, a list or a dictionary. Values are immutable, compare
 * by content, and encode to exactly one canonical byte form.
 */
public sealed interface BValue permits BInteger, BString, BList, BDictionary {

    /** The canonical bencoding of this value. */
    default byte[] encode() {
        return new BencodeEncoder().encode(this);
    }

    /** The name used in error messages: "integer", "byte string", "list" or "dictionary". */
    String typeName();
}
