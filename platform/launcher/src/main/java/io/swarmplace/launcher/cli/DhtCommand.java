package io.swarmplace.launcher.cli;

import io.swarmplace.launcher.Main;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code swarmplace dht ...}: the running node's Mainline DHT. */
@Command(name = "dht", mixinStandardHelpOptions = true,
        description = "Shows the DHT node, looks up peers, and reads and stores BEP 44 items on the running node.",
        subcommands = {DhtCommand.Status.class, DhtCommand.Lookup.class, DhtCommand.Get.class, DhtCommand.Put.class})
public final class DhtCommand {

    @ParentCommand
    Main main;

    abstract static class Sub extends NodeCommand.ShellFunction {
        @ParentCommand
        DhtCommand dht;

        @Override
        Main root() {
            return dht.main;
        }

        @Override
        String scope() {
            return "dht";
        }
    }

    /** {@code --salt TEXT} when a salt was given. */
    static List<String> saltOption(String salt) {
        return salt == null ? List.of() : List.of("--salt", salt);
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Shows the node's id, address, routing table, stored items and dropped messages.")
    static final class Status extends Sub {
        @Override
        String function() {
            return "status";
        }

        @Override
        List<String> arguments() {
            return new ArrayList<>();
        }
    }

    @Command(name = "lookup", mixinStandardHelpOptions = true, description = "Looks up peers for an info-hash.")
    static final class Lookup extends Sub {
        @Parameters(paramLabel = "INFO_HASH", description = "40 hex digits.")
        String infoHash;

        @Override
        String function() {
            return "lookup";
        }

        @Override
        List<String> arguments() {
            return new ArrayList<>(List.of(infoHash));
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = {"Reads a BEP 44 item: an immutable one by its target (40 hex digits), or the newest",
                "version of a mutable one by its public key (64 hex digits) and salt."})
    static final class Get extends Sub {
        @Option(names = {"-s", "--salt"}, paramLabel = "TEXT", description = "Salt of a mutable item.")
        String salt;

        @Parameters(paramLabel = "KEY", description = "Target (immutable) or public key (mutable), in hex.")
        String key;

        @Override
        String function() {
            return "get";
        }

        @Override
        List<String> arguments() {
            List<String> arguments = new ArrayList<>(saltOption(salt));
            arguments.add(key);
            return arguments;
        }
    }

    @Command(name = "put", mixinStandardHelpOptions = true,
            description = {"Stores a BEP 44 item (at most 1000 bytes bencoded). Without --key it is immutable and",
                "lives under its SHA-1; with --key it is mutable, signed with the ed25519 key in FILE (a new",
                "key is generated into FILE if it does not exist) and stored under the public key and salt."})
    static final class Put extends Sub {
        @Option(names = {"-k", "--key"}, paramLabel = "FILE", description = "ed25519 key file (one line: the 32-byte seed in hex).")
        String keyFile;

        @Option(names = {"-s", "--salt"}, paramLabel = "TEXT", description = "Salt of a mutable item.")
        String salt;

        @Option(names = "--seq", paramLabel = "N", description = "Version of a mutable item (default: one above the newest found).")
        Long seq;

        @Option(names = {"-b", "--bencoded"}, description = "VALUE is bencode already (default: text, stored as a string).")
        boolean bencoded;

        @Parameters(paramLabel = "VALUE", description = "The value.")
        String value;

        @Override
        String function() {
            return "put";
        }

        @Override
        List<String> arguments() {
            List<String> arguments = new ArrayList<>();
            if (keyFile != null) {
                arguments.add("--key");
                arguments.add(PluginCommand.absoluteIfLocal(keyFile));
            }
            arguments.addAll(saltOption(salt));
            if (seq != null) {
                arguments.add("--seq");
                arguments.add(Long.toString(seq));
            }
            if (bencoded) {
                arguments.add("--bencoded");
            }
            arguments.add(value);
            return arguments;
        }
    }
}
