package io.swarmplace.testing.peers;

/**
 * A real BitTorrent program used by a test did not do what the fixture asked: it failed to start, answered
 * with an error, exited early or did not finish in time. The message names the program and carries the
 * tail of its output, which is usually what explains the failure.
 */
public class PeerFixtureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PeerFixtureException(String message) {
        super(message);
    }

    public PeerFixtureException(String message, Throwable cause) {
        super(message, cause);
    }
}
