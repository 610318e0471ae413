package io.swarmplace.plugins.internal.download;

import java.io.IOException;

/**
 * A download over HTTP(S) failed. The message is meant for the user as it is: it names the URL, what
 * went wrong and, where there is one, what to change.
 */
public final class DownloadException extends IOException {

    private static final long serialVersionUID = 1L;

    DownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
