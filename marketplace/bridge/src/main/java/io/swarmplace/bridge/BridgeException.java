package io.swarmplace.bridge;

/** The bridge could not do what was asked; the message says why and what to do. */
public class BridgeException extends Exception {

    private static final long serialVersionUID = 1L;

    public BridgeException(String message) {
        super(message);
    }

    public BridgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
