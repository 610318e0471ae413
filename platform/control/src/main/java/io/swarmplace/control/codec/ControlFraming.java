package io.swarmplace.control.codec;

import io.netty.handler.codec.LineBasedFrameDecoder;

/** The framing both ends of the control channel use. */
public final class ControlFraming {

    /** Longest accepted line: a command's output (e.g. a long listing) fits, a flood does not. */
    public static final int MAX_LINE_BYTES = 4 * 1024 * 1024;

    private ControlFraming() {}

    public static LineBasedFrameDecoder newFrameDecoder() {
        return new LineBasedFrameDecoder(MAX_LINE_BYTES, true, true);
    }
}
