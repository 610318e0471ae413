package io.swarmplace.plugins.internal.download;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.NotSslRecordException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Why one HTTP exchange stopped, in words for the user; {@link HttpFetcher} adds the URL. The factory
 * methods keep every wording, and the setting to change, in one place.
 */
final class DownloadFailure extends Exception {

    private static final long serialVersionUID = 1L;
    private static final String CONFIGURATION = " in configuration io.swarmplace.plugins";

    DownloadFailure(String reason) {
        super(reason);
    }

    DownloadFailure(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** The owning component is deactivating and took the download threads with it. */
    static DownloadFailure stopping() {
        return new DownloadFailure("the plugin manager is stopping; try again once the node runs");
    }

    static DownloadFailure httpStatus(String status) {
        return new DownloadFailure("the server answered " + status + "; check the URL");
    }

    static DownloadFailure tooLarge(DownloadLimits limits) {
        return new DownloadFailure("it is larger than the " + limits.maxSizeText() + " limit (max_artifact_size_mib" + CONFIGURATION
                + "); raise the limit if the file is genuine");
    }

    static DownloadFailure readTimedOut(DownloadLimits limits) {
        return new DownloadFailure("timed out after " + limits.timeoutText() + " waiting for the server to send data; "
                + "check the network or raise download_timeout_seconds" + CONFIGURATION);
    }

    static DownloadFailure handshakeTimedOut(String address, DownloadLimits limits) {
        return new DownloadFailure("timed out after " + limits.timeoutText() + " in the TLS handshake with " + address
                + "; check that the server really serves https");
    }

    static DownloadFailure closedEarly(boolean inHandshake, String address) {
        return inHandshake
                ? new DownloadFailure(address + " closed the connection during the TLS handshake; check that the server really serves https")
                : new DownloadFailure(address + " closed the connection before the download finished; try again");
    }

    /** Connecting failed: refused, timed out, no route, unknown host. */
    static DownloadFailure connectFailed(String host, int port, Throwable cause, DownloadLimits limits) {
        String address = host + ":" + port;
        if (cause instanceof ConnectTimeoutException) {
            return new DownloadFailure("connecting to " + address + " timed out after " + limits.timeoutText()
                    + "; check the host, the port and the network", cause);
        }
        if (cause instanceof UnknownHostException) {
            return new DownloadFailure("the host " + host + " is unknown; check the URL", cause);
        }
        String message = cause == null || cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
        if (cause instanceof ConnectException && message.startsWith("connection refused")) {
            return new DownloadFailure("connection refused, cannot connect to " + address + "; check the URL and that the server is running", cause);
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return new DownloadFailure("cannot connect to " + address + " (" + cause.getMessage() + "); check the network", cause);
        }
        return new DownloadFailure("cannot connect to " + address + " (" + describe(cause) + ")", cause);
    }

    /** A failure once connected: TLS, protocol or I/O. */
    static DownloadFailure afterConnect(String address, Throwable cause) {
        if (find(cause, NotSslRecordException.class) != null) {
            return new DownloadFailure(address + " does not speak TLS; check whether the URL should start with http://", cause);
        }
        CertificateException certificate = find(cause, CertificateException.class);
        if (certificate != null) {
            return new DownloadFailure("the TLS certificate of " + address + " is not accepted (" + describe(certificate)
                    + "); the server needs a certificate for its host name from an authority the JDK trusts", cause);
        }
        SSLException tls = find(cause, SSLException.class);
        if (tls != null) {
            return new DownloadFailure("the TLS connection to " + address + " failed (" + describe(tls) + ")", cause);
        }
        return new DownloadFailure("the connection to " + address + " failed (" + describe(cause) + ")", cause);
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String describe(Throwable failure) {
        if (failure == null) {
            return "no reason given";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : failure.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
