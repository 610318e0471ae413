package io.swarmplace.torrent.internal.shell;

import java.time.Duration;
import java.util.Locale;

/** Human-readable sizes, rates and durations for the shell (binary units, as other BitTorrent clients print). */
final class Units {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Units() {}

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : "%.1f %s", value, UNITS[unit]);
    }

    static String rate(long bytesPerSecond) {
        return bytes(bytesPerSecond) + "/s";
    }

    static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86_400) {
            return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", seconds / 86_400, seconds % 86_400 / 3600);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", Math.floor(fraction * 1000) / 10);
    }

    /**
     * Parses a size such as "512", "16k", "16KiB", "1m", "2 MiB" into bytes (binary multiples).
     *
     * @throws IllegalArgumentException with a message naming the accepted forms
     */
    static long parseBytes(String text) {
        String normalized = text.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        int split = 0;
        while (split < normalized.length() && Character.isDigit(normalized.charAt(split))) {
            split++;
        }
        if (split == 0 || split > 18) {
            throw new IllegalArgumentException("'" + text + "' is not a size; use bytes or a number with k, m or g (e.g. 256k, 4m)");
        }
        long number = Long.parseLong(normalized.substring(0, split));
        long multiplier = switch (normalized.substring(split)) {
            case "", "b" -> 1L;
            case "k", "kb", "kib" -> 1L << 10;
            case "m", "mb", "mib" -> 1L << 20;
            case "g", "gb", "gib" -> 1L << 30;
            default -> throw new IllegalArgumentException(
                    "'" + text + "' has an unknown unit; use k, m or g (binary: 1k = 1024 bytes)");
        };
        return Math.multiplyExact(number, multiplier);
    }
}
