package io.swarmplace.tracker.internal;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * BEP 15 connection ids without per-client state: an id is a keyed MAC of the client's address and port
 * and the current one-minute window. It is accepted in its window and the two after it, so an id is
 * good for at least two minutes (BEP 15 asks trackers to accept ids for two minutes) and at most
 * three. A spoofed source cannot learn the id sent to the real address, which is what makes the
 * handshake worth having.
 */
final class ConnectionIds {

    static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);
    static final int WINDOWS_ACCEPTED = 3;

    private final SipHash24 mac;
    private final LongSupplier nanoClock;

    /** @param secret 16 random bytes, new for each tracker start */
    ConnectionIds(byte[] secret, LongSupplier nanoClock) {
        this.mac = new SipHash24(secret);
        this.nanoClock = nanoClock;
    }

    long issue(InetSocketAddress client) {
        return idFor(client, currentWindow());
    }

    boolean isValid(long connectionId, InetSocketAddress client) {
        long window = currentWindow();
        for (int age = 0; age < WINDOWS_ACCEPTED; age++) {
            if (idFor(client, window - age) == connectionId) {
                return true;
            }
        }
        return false;
    }

    private long currentWindow() {
        return Math.floorDiv(nanoClock.getAsLong(), WINDOW_NANOS);
    }

    private long idFor(InetSocketAddress client, long window) {
        byte[] ip = client.getAddress().getAddress();
        byte[] input = new byte[ip.length + 10];
        System.arraycopy(ip, 0, input, 0, ip.length);
        int port = client.getPort();
        input[ip.length] = (byte) (port >>> 8);
        input[ip.length + 1] = (byte) port;
        for (int i = 0; i < 8; i++) {
            input[ip.length + 2 + i] = (byte) (window >>> (56 - 8 * i));
        }
        return mac.hash(input, input.length);
    }
}
