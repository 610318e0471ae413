package io.swarmplace.tracker.internal;

/**
 * A request the tracker refuses. The message is sent to the client as the HTTP "failure reason" or the
 * UDP error message, so it says what was wrong in the client's terms.
 */
final class TrackerRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TrackerRequestException(String failureReason) {
        super(failureReason, null, false, false);
    }
}
