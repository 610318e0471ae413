package io.swarmplace.ledger.hub;

import java.net.SocketAddress;

/** One open connection; {@code lastKey} is the key of its last authenticated request (empty before one). */
public record HubClientInfo(SocketAddress remote, String lastKey, long requests) {}
