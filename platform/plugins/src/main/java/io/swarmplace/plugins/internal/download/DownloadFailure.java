package io.swarmplace.plugins.internal.download;

/** Why a download stopped, in words for the user; the URL is added by the caller. */
final class DownloadFailure extends Exception {

    private static final long serialVersionUID = 1L;

    DownloadFailure(String reason) {
        super(reason);
    }

    DownloadFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}
