package io.swarmplace.torrent.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Measurements of one kind (seconds, MiB/s, ...), summarised by median and range. */
final class Samples {

    private final List<Double> values = new ArrayList<>();

    void add(double value) {
        values.add(value);
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    double median() {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double max() {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** "median (min–max)" with the given number of decimals. */
    String describe(int decimals) {
        String format = "%." + decimals + "f";
        return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", median(), min(), max());
    }
}
