package io.swarmplace.dht.internal.krpc;

import java.util.Objects;

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

    /** A method this node does not implement; answered with error 204. */
    record Unknown(String method) implements QueryBody {}
}
