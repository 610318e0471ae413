package io.swarmplace.dht;

/** A node did not answer a query in time. */
public class DhtTimeoutException extends DhtException {

    private static final long serialVersionUID = 1L;

    public DhtTimeoutException(String message) {
        super(message);
    }
}
