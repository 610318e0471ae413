package io.swarmplace.torrent.bench;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's command line: {@code [--size-mib N] [--runs N] [--work DIR] [--only download,seed,sha1]
 * [--settle-ms N] [--direct-writes true|false]}. The recorded figures are for the defaults (1 GiB, 5 runs);
 * a smaller size is for quick checks.
 *
 * @param engineSettings our engine's settings that differ from its production defaults
 */
record BenchArguments(int sizeMib, int runs, Path work, Set<Part> parts, int settleMs, Map<String, Object> engineSettings) {

    enum Part { DOWNLOAD, SEED, SHA1 }

    static final String USAGE = "usage: download.sh [--size-mib N (default 1024)] [--runs N (default 5)]"
            + " [--work DIR (default /tmp)] [--only download,seed,sha1 (default all)]"
            + " [--settle-ms N: pause before every timed download, after the previous one's files are deleted (default 0)]"
            + " [--direct-writes true|false: our engine writes pieces past the page cache (default true, as in production)]";

    static BenchArguments parse(String[] args) {
        int size = 1024;
        int runs = 5;
        Path work = Path.of(System.getProperty("java.io.tmpdir"));
        Set<Part> parts = EnumSet.allOf(Part.class);
        int settleMs = 0;
        Map<String, Object> engineSettings = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("-h") || option.equals("--help")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value; " + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--size-mib" -> size = positive(option, value);
                case "--runs" -> runs = positive(option, value);
                case "--work" -> work = Path.of(value);
                case "--only" -> parts = parts(value);
                case "--settle-ms" -> settleMs = positive(option, value);
                case "--direct-writes" -> engineSettings.put("directWrites", bool(option, value));
                default -> throw new IllegalArgumentException("unknown option " + option + "; " + USAGE);
            }
        }
        return new BenchArguments(size, runs, work, parts, settleMs, Map.copyOf(engineSettings));
    }

    private static int positive(String option, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a positive whole number, got '" + value + "'");
    }

    private static boolean bool(String option, String value) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException(option + " takes true or false, got '" + value + "'");
    }

    private static Set<Part> parts(String value) {
        Set<Part> parts = EnumSet.noneOf(Part.class);
        for (String name : value.split(",")) {
            try {
                parts.add(Part.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--only takes download, seed and/or sha1, got '" + name + "'");
            }
        }
        return parts;
    }

    long sizeBytes() {
        return sizeMib * 1024L * 1024;
    }
}
