package io.swarmplace.dht;

/** Why an incoming datagram was dropped; {@link DhtStats#dropped()} counts each. */
public enum DropReason {
    /** Longer than the largest KRPC message this node accepts. */
    OVERSIZED,
    /** From an address the public DHT never uses (loopback, private, reserved), outside private-network mode. */
    BOGON_SOURCE,
    /** Not bencode, or beyond the decoder's limits. */
    MALFORMED_BENCODE,
    /** Bencode, but not a valid KRPC message (missing or mistyped keys). */
    INVALID_MESSAGE,
    /** Over the per-source packet rate. */
    RATE_LIMITED,
    /** A response or error matching no query in flight, or coming from another address than the one asked. */
    UNKNOWN_TRANSACTION,
    /** An announce_peer with a token this node did not give to that address (answered with error 203). */
    BAD_TOKEN,
    /** A node id that does not match the sender's IP (BEP 42), when ids are verified: answered, not routed. */
    INSECURE_NODE_ID,
    /** A query for a method this node does not know (answered with error 204). */
    UNKNOWN_METHOD,
    /** A BEP 44 put whose value or salt is over the limits (answered with error 205 or 207). */
    OVERSIZED_ITEM,
    /** A BEP 44 put of a mutable item whose signature does not verify (answered with error 206). */
    INVALID_SIGNATURE,
    /** A BEP 44 put with a lower seq than the stored item's (answered with error 302). */
    OLD_SEQUENCE,
    /** A BEP 44 put whose cas does not match the stored item's seq (answered with error 301). */
    CAS_MISMATCH,
    /** A BEP 44 get answer whose item does not hash to the target or whose signature does not verify. */
    INVALID_ITEM,
    /**
     * An announce_peer or BEP 44 put refused because the store holds its most entries (answered with error 202).
     * @since 1.2
     */
    STORE_FULL,
    /** The node could not handle the message (a bug): the message is dropped, the node keeps running. */
    INTERNAL_ERROR
}
