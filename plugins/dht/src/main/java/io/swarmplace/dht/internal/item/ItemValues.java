package io.swarmplace.dht.internal.item;

import io.swarmplace.bencode.BString;
import io.swarmplace.bencode.BValue;
import io.swarmplace.bencode.BencodeDecoder;
import io.swarmplace.bencode.BencodeEncoder;
import io.swarmplace.bencode.BencodeException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Item values as people type and read them: text becomes a bencoded string and back. */
public final class ItemValues {

    private ItemValues() {}

    /** {@code text} as a bencoded byte string of its UTF-8. */
    public static byte[] bencodedString(String text) {
        return new BencodeEncoder().encode(BString.of(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A bencoded string that is UTF-8 text shows as that text in quotes; anything else as its bencoding. */
    public static String describe(byte[] bencoded) {
        try {
            BValue value = new BencodeDecoder().decode(bencoded);
            Optional<String> text = value instanceof BString string ? string.strictUtf8() : Optional.empty();
            if (text.isPresent()) {
                return '"' + text.get() + '"';
            }
        } catch (BencodeException notBencode) {
            // Shown raw below.
        }
        return new String(bencoded, StandardCharsets.ISO_8859_1);
    }
}
