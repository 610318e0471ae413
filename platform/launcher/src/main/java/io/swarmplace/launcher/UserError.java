package io.swarmplace.launcher;

/** A failure the user can fix; printed without a stack trace, with a non-zero exit code. */
public class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public UserError(String message) {
        this(message, 1);
    }

    public UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
