package io.swarmplace.launcher.cli;

import io.swarmplace.control.ControlResponse;
import io.swarmplace.launcher.Main;
import io.swarmplace.launcher.client.ControlClient;
import io.swarmplace.launcher.client.GogoCommandLine;
import java.io.Console;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code swarmplace plugin ...}: the plugin operations of the running node. */
@Command(name = "plugin", mixinStandardHelpOptions = true,
        description = "Installs, updates, lists and removes plugins of the running node.",
        subcommands = {
            PluginCommand.Install.class,
            PluginCommand.Update.class,
            PluginCommand.ListPlugins.class,
            PluginCommand.Remove.class,
            PluginCommand.Enable.class,
            PluginCommand.Disable.class,
            PluginCommand.Trust.class,
            PluginCommand.Distrust.class,
            PluginCommand.Trusted.class
        })
public final class PluginCommand {

    @ParentCommand
    Main main;

    /** Base of the subcommands: reaches the root options through the plugin command. */
    abstract static class Sub extends NodeCommand implements Callable<Integer> {
        @ParentCommand
        PluginCommand plugin;

        @Override
        Main root() {
            return plugin.main;
        }

        abstract String function();

        abstract List<String> arguments();

        @Override
        public Integer call() throws InterruptedException {
            return run(GogoCommandLine.of("swarmplace:" + function(), arguments()));
        }
    }

    /** Options shared by install and update. */
    static final class SourceOptions {
        @Option(names = {"-t", "--trust"},
                description = "Consent to run a plugin that is unsigned or signed by a key you do not trust.")
        boolean trust;

        @Option(names = {"-i", "--index"}, paramLabel = "INDEX",
                description = "An OSGi repository index (URL or file); the plugin is then named by its symbolic name.")
        String index;

        @Option(names = {"-v", "--version"}, paramLabel = "RANGE",
                description = "With --index: an OSGi version range, e.g. [1.0,2).")
        String version;

        List<String> gogoOptions() {
            List<String> options = new ArrayList<>();
            if (trust) {
                options.add("--trust");
            }
            if (index != null) {
                options.add("--index");
                options.add(absoluteIfLocal(index));
            }
            if (version != null) {
                options.add("--version");
                options.add(version);
            }
            return options;
        }
    }

    /** Install and update ask for consent at a terminal instead of failing on an untrusted plugin. */
    abstract static class ConsentingSub extends Sub {
        @picocli.CommandLine.Mixin
        SourceOptions options = new SourceOptions();

        @Override
        public Integer call() throws InterruptedException {
            try (ControlClient client = connect()) {
                ControlResponse response = client.execute(GogoCommandLine.of("swarmplace:" + function(), arguments()));
                Console console = System.console();
                if (!response.errorType().equals("UntrustedPluginException") || console == null) {
                    return print(response);
                }
                console.printf("%s%n", response.error());
                String answer = console.readLine("Install it anyway? [y/N] ");
                if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
                    console.printf("Nothing was installed.%n");
                    return response.exitCode();
                }
                options.trust = true;
                return print(client.execute(GogoCommandLine.of("swarmplace:" + function(), arguments())));
            }
        }
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Installs and starts a plugin from a jar file, an http(s) URL, or a repository index.",
                "All or nothing: on any failure the node is left exactly as it was."})
    static final class Install extends ConsentingSub {
        @Parameters(paramLabel = "SOURCE", description = "Jar path or URL; with --index, the plugin's symbolic name.")
        String source;

        @Override
        String function() {
            return "install";
        }

        @Override
        List<String> arguments() {
            List<String> arguments = options.gogoOptions();
            arguments.add(options.index == null ? absoluteIfLocal(source) : source);
            return arguments;
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = {"Replaces an installed plugin with a newer jar or the newest version in an index.",
                "If the new version fails, the previous one keeps running."})
    static final class Update extends ConsentingSub {
        @Parameters(index = "0", paramLabel = "NAME", description = "The plugin's symbolic name.")
        String name;

        @Parameters(index = "1", arity = "0..1", paramLabel = "SOURCE", description = "Jar path or URL (not with --index).")
        String source;

        @Override
        String function() {
            return "update";
        }

        @Override
        List<String> arguments() {
            List<String> arguments = options.gogoOptions();
            arguments.add(name);
            if (source != null) {
                arguments.add(absoluteIfLocal(source));
            }
            return arguments;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists plugins: name, version, state, trust and source.")
    static final class ListPlugins extends Sub {
        @Override
        String function() {
            return "plugins";
        }

        @Override
        List<String> arguments() {
            return new ArrayList<>();
        }
    }

    /** A subcommand that takes one plugin name. */
    abstract static class Named extends Sub {
        @Parameters(paramLabel = "NAME", description = "The plugin's symbolic name.")
        String name;

        @Override
        List<String> arguments() {
            return new ArrayList<>(List.of(name));
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Stops and uninstalls a plugin and the dependencies nothing else uses.")
    static final class Remove extends Named {
        @Override
        String function() {
            return "remove";
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Starts a disabled plugin (kept across restarts).")
    static final class Enable extends Named {
        @Override
        String function() {
            return "enable";
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Stops a plugin without removing it (kept across restarts).")
    static final class Disable extends Named {
        @Override
        String function() {
            return "disable";
        }
    }

    @Command(name = "trust", mixinStandardHelpOptions = true,
            description = "Trusts plugins signed with the key of this X.509 certificate (PEM or DER).")
    static final class Trust extends Sub {
        @Parameters(paramLabel = "CERTIFICATE")
        String certificate;

        @Override
        String function() {
            return "trust";
        }

        @Override
        List<String> arguments() {
            return new ArrayList<>(List.of(absoluteIfLocal(certificate)));
        }
    }

    @Command(name = "distrust", mixinStandardHelpOptions = true, description = "Stops trusting a signer, by certificate subject.")
    static final class Distrust extends Sub {
        @Parameters(paramLabel = "SUBJECT")
        String subject;

        @Override
        String function() {
            return "distrust";
        }

        @Override
        List<String> arguments() {
            return new ArrayList<>(List.of(subject));
        }
    }

    @Command(name = "trusted", mixinStandardHelpOptions = true, description = "Lists the trusted signers.")
    static final class Trusted extends Sub {
        @Override
        String function() {
            return "trusted";
        }

        @Override
        List<String> arguments() {
            return new ArrayList<>();
        }
    }

    /** The node runs in another directory: local paths are made absolute here, URLs pass as they are. */
    static String absoluteIfLocal(String source) {
        if (source.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || source.startsWith("file:")) {
            return source;
        }
        return Path.of(source).toAbsolutePath().normalize().toString();
    }
}
