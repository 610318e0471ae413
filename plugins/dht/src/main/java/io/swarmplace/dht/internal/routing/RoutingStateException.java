package io.swarmplace.dht.internal.routing;

/** A saved routing table file that cannot be read back. */
public final class RoutingStateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RoutingStateException(String message) {
        super(message);
    }

    public RoutingStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
