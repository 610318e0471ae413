package io.swarmplace.dht;

/** A DHT operation failed; the subclasses say how. */
public class DhtException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DhtException(String message) {
        super(message);
    }

    public DhtException(String message, Throwable cause) {
        super(message, cause);
    }
}
