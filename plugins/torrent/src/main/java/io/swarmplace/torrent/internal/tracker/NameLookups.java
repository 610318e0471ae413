package io.swarmplace.torrent.internal.tracker;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Turns a tracker's host into an address. Literal addresses need no lookup; names are looked up on the
 * given executor because the JDK's lookup blocks and must never run on an event loop.
 */
final class NameLookups {

    private final Executor executor;

    NameLookups(Executor executor) {
        this.executor = executor;
    }

    CompletableFuture<InetAddress> resolve(URI tracker, String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(bare);
        if (literal != null) {
            try {
                return CompletableFuture.completedFuture(InetAddress.getByAddress(literal));
            } catch (UnknownHostException impossible) {
                return CompletableFuture.failedFuture(new TrackerConnectionException(tracker, "unusable address " + host, impossible));
            }
        }
        CompletableFuture<InetAddress> address = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    address.complete(InetAddress.getByName(bare));
                } catch (UnknownHostException e) {
                    address.completeExceptionally(new TrackerConnectionException(tracker, "unknown host " + bare, e));
                }
            });
        } catch (RuntimeException rejected) {
            address.completeExceptionally(new TrackerConnectionException(tracker, "cannot look up " + bare + " (" + rejected + ")", rejected));
        }
        return address;
    }
}
