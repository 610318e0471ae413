package io.swarmplace.plugins.internal.index;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.osgi.framework.Version;

/** Turns an index attribute's {@code value} and {@code type} into the Java value the OSGi filters expect. */
final class AttributeValues {

    private AttributeValues() {}

    static Object parse(String type, String value) {
        String scalarType = type == null || type.isBlank() ? "String" : type.strip();
        if (scalarType.startsWith("List<") && scalarType.endsWith(">")) {
            String elementType = scalarType.substring(5, scalarType.length() - 1).strip();
            Function<String, Object> element = scalar(elementType);
            return splitList(value).stream().map(element).toList();
        }
        return scalar(scalarType).apply(value);
    }

    private static Function<String, Object> scalar(String type) {
        return switch (type) {
            case "String" -> s -> s;
            case "Version" -> s -> Version.parseVersion(s.strip());
            case "Long" -> s -> Long.valueOf(s.strip());
            case "Double" -> s -> Double.valueOf(s.strip());
            default -> throw new IllegalArgumentException("unknown attribute type '" + type + "'");
        };
    }

    /** Splits on commas that are not escaped with a backslash, as the repository spec defines lists. */
    private static List<String> splitList(String value) {
        List<String> items = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                current.append(value.charAt(++i));
            } else if (c == ',') {
                items.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty() || !items.isEmpty()) {
            items.add(current.toString().strip());
        }
        return items;
    }
}
