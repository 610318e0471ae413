package io.swarmplace.dht.internal.krpc;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** The method-specific part of a query (its {@code q} and {@code a} apart from the sender's id). */
public sealed interface QueryBody {

    String method();

    record Ping() implements QueryBody {
        @Override
        public String method() {
            return "ping";
        }
    }

    record FindNode(NodeId target) implements QueryBody {
        public FindNode {
            Objects.requireNonNull(target, "target");
        }

        @Override
        public String method() {
            return "find_node";
        }
    }

    record GetPeers(NodeId infoHash) implements QueryBody {
        public GetPeers {
            Objects.requireNonNull(infoHash, "infoHash");
        }

        @Override
        public String method() {
            return "get_peers";
        }
    }

    /**
     * @param impliedPort true: the peer's port is the UDP source port of the query, {@code port} is ignored
     */
    record AnnouncePeer(NodeId infoHash, int port, boolean impliedPort, ByteString token) implements QueryBody {
        public AnnouncePeer {
            Objects.requireNonNull(infoHash, "infoHash");
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String method() {
            return "announce_peer";
        }
    }

    /**
     * BEP 44 get.
     *
     * @param newerThan the querier already has this seq: a mutable item is sent only if newer
     */
    record Get(NodeId target, OptionalLong newerThan) implements QueryBody {
        public Get {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(newerThan, "newerThan");
        }

        @Override
        public String method() {
            return "get";
        }
    }

    /**
     * BEP 44 put.
     *
     * @param salt empty for none; only with a mutable item
     * @param expectedSeq compare and swap: store only over this seq
     */
    record Put(ByteString token, ItemPayload item, byte[] salt, OptionalLong expectedSeq) implements QueryBody {
        public Put {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(item, "item");
            salt = salt.clone();
            Objects.requireNonNull(expectedSeq, "expectedSeq");
        }

        @Override
        public byte[] salt() {
            return salt.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Put that && token.equals(that.token) && item.equals(that.item)
                    && java.util.Arrays.equals(salt, that.salt) && expectedSeq.equals(that.expectedSeq);
        }

        @Override
        public int hashCode() {
            return Objects.hash(token, item, expectedSeq);
        }

        @Override
        public String method() {
            return "put";
        }
    }

    /** BEP 51 sample_infohashes. */
    record SampleInfoHashes(NodeId target) implements QueryBody {
        public SampleInfoHashes {
            Objects.requireNonNull(target, "target");
        }

        @Override
        public String method() {
            return "sample_infohashes";
        }
    }

    /** A method this node does not implement; answered with error 204. */
    record Unknown(String method) implements QueryBody {}
}
