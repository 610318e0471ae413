package io.swarmplace.launcher.client;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds a Gogo command line from arguments the user's shell already split, quoting each so that Gogo
 * sees exactly the same words: no variable expansion, no splitting on spaces, no closures.
 */
public final class GogoCommandLine {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:@%+,=-]+");

    private GogoCommandLine() {}

    public static String of(String command, List<String> arguments) {
        if (arguments.isEmpty()) {
            return command;
        }
        return command + " " + arguments.stream().map(GogoCommandLine::quote).collect(Collectors.joining(" "));
    }

    static String quote(String argument) {
        if (SAFE.matcher(argument).matches()) {
            return argument;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : argument.toCharArray()) {
            if (c == '\'') {
                // Gogo reads a single quote as a quote even inside double quotes: step outside for it.
                quoted.append("\"\\'\"");
                continue;
            }
            if (c == '"' || c == '\\' || c == '$') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }
}
