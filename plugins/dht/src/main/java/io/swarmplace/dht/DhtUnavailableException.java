package io.swarmplace.dht;

/** The DHT node is disabled, stopped, or has too much in flight to take another query. */
public class DhtUnavailableException extends DhtException {

    private static final long serialVersionUID = 1L;

    public DhtUnavailableException(String message) {
        super(message);
    }
}
