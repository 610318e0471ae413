package io.swarmplace.torrent.internal.wire;

import io.netty.handler.codec.DecoderException;

/**
 * A remote peer broke the wire protocol: a message longer than allowed, a known message with the wrong
 * length, an extension payload that is not what its BEP says. The connection that produced it is
 * closed. It extends Netty's {@link DecoderException} so Netty's decoders pass it on unwrapped.
 */
public class PeerProtocolException extends DecoderException {

    private static final long serialVersionUID = 1L;

    public PeerProtocolException(String message) {
        super(message);
    }

    public PeerProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
