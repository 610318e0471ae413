package io.swarmplace.ledger.hub;

import java.net.InetSocketAddress;

/**
 * @param requests requests answered since the server started, refused ones included
 * @param refused requests refused with a {@link HubError}
 */
public record HubStatus(InetSocketAddress address, boolean tls, int connections, long requests, long refused) {}
