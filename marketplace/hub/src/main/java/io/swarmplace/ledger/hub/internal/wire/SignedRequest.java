package io.swarmplace.ledger.hub.internal.wire;

import io.netty.buffer.ByteBuf;
import io.swarmplace.ledger.hub.HubError;

/**
 * A request frame as on the wire (after the 4-byte length): version, raw public key, signature, JSON
 * payload. The signature covers the exact payload bytes, so no canonical re-encoding is needed.
 */
public record SignedRequest(byte[] publicKey, byte[] signature, byte[] payload, HubRequest request) {

    public static final byte VERSION = 1;
    public static final int HEADER_BYTES = 1 + Ed25519.PUBLIC_KEY_BYTES + Ed25519.SIGNATURE_BYTES;

    public void writeTo(ByteBuf out) {
        out.writeByte(VERSION).writeBytes(publicKey).writeBytes(signature).writeBytes(payload);
    }

    /** Reads the frame's header; the payload is parsed by the caller. */
    public static SignedRequest readHeader(ByteBuf frame) {
        if (frame.readableBytes() < HEADER_BYTES + 2) {
            throw new HubRequestException(HubError.MALFORMED_REQUEST, 0,
                    "a request has a " + HEADER_BYTES + "-byte header and a JSON payload; got " + frame.readableBytes() + " bytes");
        }
        byte version = frame.readByte();
        if (version != VERSION) {
            throw new HubRequestException(HubError.UNSUPPORTED_VERSION, 0,
                    "protocol version " + version + " is unknown; this hub speaks version " + VERSION);
        }
        byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_BYTES];
        frame.readBytes(publicKey);
        byte[] signature = new byte[Ed25519.SIGNATURE_BYTES];
        frame.readBytes(signature);
        byte[] payload = new byte[frame.readableBytes()];
        frame.readBytes(payload);
        return new SignedRequest(publicKey, signature, payload, null);
    }

    public SignedRequest withRequest(HubRequest parsed) {
        return new SignedRequest(publicKey, signature, payload, parsed);
    }

    public String keyHex() {
        return Ed25519.hex(publicKey);
    }
}
