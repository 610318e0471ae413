package io.swarmplace.launcher.client;

import io.swarmplace.launcher.UserError;
import java.nio.file.Path;

/** No node answers for the data directory; LSB status scripts use exit code 3 for "not running". */
public final class NodeNotRunningException extends UserError {

    private static final long serialVersionUID = 1L;
    public static final int EXIT_CODE = 3;

    public NodeNotRunningException(Path dataDirectory) {
        super("No node is running with data directory " + dataDirectory
                + ". Start one with 'swarmplace start' (or pass the --data-dir it runs with).", EXIT_CODE);
    }
}
