package io.swarmplace.dht;

/**
 * A node answered a query with a KRPC error (BEP 5: 201 generic, 202 server, 203 protocol, 204 method
 * unknown).
 */
public class DhtErrorException extends DhtException {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final String remoteMessage;

    public DhtErrorException(String message, int code, String remoteMessage) {
        super(message);
        this.code = code;
        this.remoteMessage = remoteMessage;
    }

    /** The KRPC error code the node sent. */
    public int code() {
        return code;
    }

    /** The error text the node sent. */
    public String remoteMessage() {
        return remoteMessage;
    }
}
