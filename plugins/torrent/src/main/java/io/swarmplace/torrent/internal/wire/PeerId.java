package io.swarmplace.torrent.internal.wire;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * The 20-byte id a peer sends in its handshake. Ours is Azureus style (BEP 20): {@value #OUR_PREFIX}
 * followed by 12 random bytes. Immutable; arrays are copied in and out.
 */
public record PeerId(byte[] bytes) {

    public static final int LENGTH = 20;
    /**
     * Client code "SW" (Swarmplace), version 0.0.1.0. "SP" is BitSpirit's; "SW" is in neither BEP 20's list,
     * libtorrent's identify_client table nor the wiki.theory.org client list.
     */
    public static final String OUR_PREFIX = "-SW0010-";

    /** Azureus-style two-letter client codes (BEP 20 and common usage) that {@link #clientName()} knows. */
    private static final Map<String, String> AZUREUS_CLIENTS = Map.ofEntries(
            Map.entry("SW", "Swarmplace"),
            Map.entry("SP", "BitSpirit"),
            Map.entry("LT", "libtorrent"),
            Map.entry("lt", "libTorrent (rakshasa)"),
            Map.entry("TR", "Transmission"),
            Map.entry("qB", "qBittorrent"),
            Map.entry("DE", "Deluge"),
            Map.entry("UT", "µTorrent"),
            Map.entry("UM", "µTorrent Mac"),
            Map.entry("BT", "BitTorrent"),
            Map.entry("AZ", "Vuze"),
            Map.entry("BI", "BiglyBT"),
            Map.entry("KT", "KTorrent"),
            Map.entry("WW", "WebTorrent"));

    public PeerId {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException(
                    "a peer id has " + LENGTH + " bytes, got " + (bytes == null ? "none" : bytes.length));
        }
        bytes = bytes.clone();
    }

    /** A fresh id for this engine: our prefix and 12 bytes from {@code random}. */
    public static PeerId generate(SecureRandom random) {
        byte[] id = new byte[LENGTH];
        byte[] prefix = OUR_PREFIX.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, id, 0, prefix.length);
        byte[] tail = new byte[LENGTH - prefix.length];
        random.nextBytes(tail);
        System.arraycopy(tail, 0, id, prefix.length, tail.length);
        return new PeerId(id);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * The remote client for display, e.g. "libtorrent 2.0.8", "Transmission 3.00", "aria2 1.36.0";
     * the id in hex when the style is not recognised. Peer ids are self-declared: never trust this.
     */
    public String clientName() {
        String azureus = azureusStyle();
        if (azureus != null) {
            return azureus;
        }
        String aria2 = dashedStyle("A2-", "aria2");
        if (aria2 != null) {
            return aria2;
        }
        String mainline = mainlineStyle();
        if (mainline != null) {
            return mainline;
        }
        return hex();
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    private String azureusStyle() {
        if (bytes[0] != '-' || bytes[7] != '-' || !isLetter(bytes[1]) || !isLetter(bytes[2])) {
            return null;
        }
        for (int i = 3; i < 7; i++) {
            if (!isLetterOrDigit(bytes[i])) {
                return null;
            }
        }
        String code = ascii(1, 3);
        String client = AZUREUS_CLIENTS.get(code);
        if (client == null) {
            return null;
        }
        String version = ascii(3, 7);
        if (code.equals("TR")) {
            return client + " " + transmissionVersion(version);
        }
        return client + " " + dottedVersion(version);
    }

    /** "-TR300Z-": major, two-digit minor, then 0 for a release, Z for a beta, X for a development build. */
    private static String transmissionVersion(String version) {
        String suffix = switch (version.charAt(3)) {
            case 'Z' -> " beta";
            case 'X' -> " dev";
            default -> "";
        };
        return version.charAt(0) + "." + version.substring(1, 3) + suffix;
    }

    /** Each character is one component (0-9, then A-Z for 10-35); a fourth component of 0 is left out. */
    private static String dottedVersion(String version) {
        StringBuilder out = new StringBuilder();
        int components = version.charAt(3) == '0' ? 3 : 4;
        for (int i = 0; i < components; i++) {
            if (i > 0) {
                out.append('.');
            }
            out.append(Character.digit(version.charAt(i), 36));
        }
        return out.toString();
    }

    /** "A2-1-36-0-...": a prefix, then numbers separated by dashes. */
    private String dashedStyle(String prefix, String client) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (!text.startsWith(prefix)) {
            return null;
        }
        String[] parts = text.substring(prefix.length()).split("-", -1);
        if (parts.length < 3 || !isNumber(parts[0]) || !isNumber(parts[1]) || !isNumber(parts[2])) {
            return null;
        }
        return client + " " + parts[0] + "." + parts[1] + "." + parts[2];
    }

    /** Mainline: "M4-3-6--" (one letter, then version numbers separated by dashes). */
    private String mainlineStyle() {
        if (bytes[0] != 'M' || !isDigit(bytes[1])) {
            return null;
        }
        return dashedStyle("M", "Mainline");
    }

    private String ascii(int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.US_ASCII);
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.length() <= 3 && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean isLetter(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isLetterOrDigit(byte b) {
        return isLetter(b) || isDigit(b);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PeerId that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return clientName() + " [" + hex() + "]";
    }
}
