package io.swarmplace.plugins.internal;

import io.swarmplace.plugins.PluginInfo;
import java.util.ArrayList;
import java.util.List;

/** Formats plugins as the aligned table {@code swarmplace:plugins} prints. */
final class PluginTable {

    private static final List<String> HEADER = List.of("NAME", "VERSION", "STATE", "TRUST", "SOURCE");

    private PluginTable() {}

    static String format(List<PluginInfo> plugins) {
        if (plugins.isEmpty()) {
            return "No plugins installed. Install one with 'swarmplace:install <jar-or-url>'.";
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (PluginInfo plugin : plugins) {
            String source = plugin.dependencies().isEmpty()
                    ? plugin.source()
                    : plugin.source() + " (with " + String.join(", ", plugin.dependencies()) + ")";
            rows.add(List.of(plugin.name(), plugin.version(), plugin.state().name(), plugin.trust().describe(), source));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i] + 2));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString().stripTrailing();
    }

    private static String pad(String value, int width) {
        return value + " ".repeat(width - value.length());
    }
}
