package io.swarmplace.testing.peers;

/** A bounded wait on a real BitTorrent program ran out; the message says what was awaited and what was seen last. */
public class PeerTimeoutException extends PeerFixtureException {

    private static final long serialVersionUID = 1L;

    public PeerTimeoutException(String message) {
        super(message);
    }
}
