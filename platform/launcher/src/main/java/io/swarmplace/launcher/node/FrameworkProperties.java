package io.swarmplace.launcher.node;

import io.swarmplace.launcher.Installation;
import io.swarmplace.launcher.UserError;
import io.swarmplace.launcher.Version;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The framework's launch properties: what conf/swarmplace.properties says, with {@code ${name}}
 * replaced by other properties or by system properties, plus the settings the launcher owns (paths,
 * version, shell mode) that a configuration file must not be able to break.
 */
public final class FrameworkProperties {

    public static final String FILE_NAME = "swarmplace.properties";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");
    private static final int MAX_SUBSTITUTION_ROUNDS = 10;

    private FrameworkProperties() {}

    public static Map<String, String> load(Installation installation, boolean interactiveShell) {
        Map<String, String> properties = new HashMap<>();
        properties.put(Installation.HOME_PROPERTY, installation.home().toString());
        properties.put("swarmplace.data", installation.dataDirectory().toString());
        properties.put("swarmplace.version", Version.current());
        properties.put("swarmplace.hotdeploy.dir", installation.hotDeploy().toString());
        properties.putAll(readFile(installation.conf().resolve(FILE_NAME)));
        // The launcher owns these: the cache must stay inside the data directory, and the shell's
        // mode depends on whether a person is at the terminal.
        properties.put("org.osgi.framework.storage", installation.dataDirectory().resolve("cache").toString());
        properties.put("gosh.args", interactiveShell ? "--noshutdown" : "--nointeractive --noshutdown");
        return substitute(properties);
    }

    private static Map<String, String> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("Missing " + file + ": the distribution is incomplete; unpack it again.");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError("Cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> map.put(key, properties.getProperty(key).trim()));
        return map;
    }

    static Map<String, String> substitute(Map<String, String> properties) {
        Map<String, String> result = new HashMap<>(properties);
        for (int round = 0; round < MAX_SUBSTITUTION_ROUNDS; round++) {
            boolean changed = false;
            for (Map.Entry<String, String> entry : result.entrySet()) {
                String replaced = replacePlaceholders(entry.getValue(), result);
                if (!replaced.equals(entry.getValue())) {
                    entry.setValue(replaced);
                    changed = true;
                }
            }
            if (!changed) {
                return result;
            }
        }
        throw new UserError("conf/" + FILE_NAME + " has placeholders that refer to each other in a cycle");
    }

    private static String replacePlaceholders(String value, Map<String, String> properties) {
        Matcher matcher = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement = properties.getOrDefault(name, System.getProperty(name));
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? matcher.group() : replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
