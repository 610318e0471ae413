package io.swarmplace.control;

/**
 * The outcome of one {@link ControlRequest}.
 *
 * @param exitCode 0 on success; see the constants for failures
 * @param output what the command printed and returned
 * @param error the error message a user should read, empty on success
 * @param errorType simple class name of the exception that failed the command, empty on success
 */
public record ControlResponse(int exitCode, String output, String error, String errorType) {

    public static final int OK = 0;
    /** The command ran and failed. */
    public static final int COMMAND_FAILED = 1;
    /** The request was malformed or the command line could not be parsed. */
    public static final int BAD_REQUEST = 2;
    /** The token was wrong: the client is not the node's owner. */
    public static final int UNAUTHORIZED = 77;

    public static ControlResponse ok(String output) {
        return new ControlResponse(OK, output, "", "");
    }

    public static ControlResponse failure(int exitCode, String output, String error, String errorType) {
        return new ControlResponse(exitCode, output, error, errorType);
    }

    public boolean succeeded() {
        return exitCode == OK;
    }
}
