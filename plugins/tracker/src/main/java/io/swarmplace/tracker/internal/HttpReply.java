package io.swarmplace.tracker.internal;

/** An HTTP reply before Netty writes it: a status and a body (bencode for 200, text otherwise). */
record HttpReply(int status, byte[] body) {

    boolean isBencode() {
        return status == 200;
    }
}
