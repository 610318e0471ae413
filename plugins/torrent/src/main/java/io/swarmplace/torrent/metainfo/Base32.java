package io.swarmplace.torrent.metainfo;

import java.util.Optional;

/** RFC 4648 base32 without padding, as old magnet links write info-hashes (32 characters, 20 bytes). */
final class Base32 {

    private Base32() {}

    static Optional<byte[]> decode(String text) {
        if (text.length() * 5 % 8 != 0) {
            return Optional.empty();
        }
        byte[] out = new byte[text.length() * 5 / 8];
        long buffer = 0;
        int bits = 0;
        int written = 0;
        for (int i = 0; i < text.length(); i++) {
            int value = value(text.charAt(i));
            if (value < 0) {
                return Optional.empty();
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[written++] = (byte) (buffer >>> bits);
            }
        }
        return Optional.of(out);
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= '2' && c <= '7') {
            return c - '2' + 26;
        }
        return -1;
    }
}
