package io.swarmplace.bencode;

import io.swarmplace.bencode.internal.CanonicalWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Writes the canonical bencoding of a value: dictionary keys in raw-byte order, minimal numbers. */
public final class BencodeEncoder {

    public byte[] encode(BValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            encode(value, out);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }

    public void encode(BValue value, OutputStream out) throws IOException {
        new CanonicalWriter(out).write(value);
    }
}
