package io.swarmplace.launcher.cli;

import io.swarmplace.control.ControlResponse;
import io.swarmplace.launcher.Main;
import io.swarmplace.launcher.client.ControlClient;
import io.swarmplace.launcher.client.GogoCommandLine;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code swarmplace torrent ...}: the BitTorrent engine of the running node. */
@Command(name = "torrent", mixinStandardHelpOptions = true,
        description = "Adds, lists, inspects, pauses, resumes, removes and creates torrents on the running node.",
        subcommands = {
            TorrentCommand.Add.class,
            TorrentCommand.ListTorrents.class,
            TorrentCommand.Info.class,
            TorrentCommand.Peers.class,
            TorrentCommand.Pause.class,
            TorrentCommand.Resume.class,
            TorrentCommand.Remove.class,
            TorrentCommand.Recheck.class,
            TorrentCommand.Move.class,
            TorrentCommand.Create.class
        })
public final class TorrentCommand {

    @ParentCommand
    Main main;

    abstract static class Sub extends NodeCommand.ShellFunction {
        @ParentCommand
        TorrentCommand torrent;

        @Override
        Main root() {
            return torrent.main;
        }

        @Override
        String scope() {
            return "torrent";
        }
    }

    /** A subcommand that names one torrent. */
    abstract static class OnTorrent extends Sub {
        @Parameters(index = "0", paramLabel = "TORRENT", description = "Info-hash, a unique prefix of it, or the number from 'torrent list'.")
        String reference;

        @Override
        List<String> arguments() {
            return new ArrayList<>(List.of(reference));
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Adds a torrent from a .torrent file or a magnet link and starts it.",
                "At a terminal it then shows a live progress bar until the download completes (Ctrl-C stops",
                "watching; the node keeps downloading). --detach returns at once, --wait watches without a terminal."})
    static final class Add extends Sub {
        @Parameters(paramLabel = "SOURCE", description = ".torrent file or magnet: link")
        String source;

        @Option(names = {"-f", "--folder"}, paramLabel = "DIR", description = "Download into DIR instead of the engine's folder.")
        String folder;

        @Option(names = {"-p", "--paused"}, description = "Add without starting.")
        boolean paused;

        @Option(names = {"-s", "--sequential"}, description = "Download pieces in order (for streaming).")
        boolean sequential;

        @Option(names = "--peer", paramLabel = "HOST:PORT", split = ",", description = "Dial these peers at once.")
        List<String> peers = new ArrayList<>();

        @Option(names = "--tracker", paramLabel = "URL", split = ",", description = "Extra tracker URLs.")
        List<String> trackers = new ArrayList<>();

        @Option(names = "--detach", description = "Return as soon as the torrent is added.")
        boolean detach;

        @Option(names = "--wait", description = "Watch until complete even without a terminal (one line every few seconds).")
        boolean waitForCompletion;

        @Override
        String function() {
            return "add";
        }

        @Override
        List<String> arguments() {
            List<String> arguments = new ArrayList<>();
            if (folder != null) {
                arguments.add("--folder");
                arguments.add(PluginCommand.absoluteIfLocal(folder));
            }
            if (paused) {
                arguments.add("--paused");
            }
            if (sequential) {
                arguments.add("--sequential");
            }
            if (!peers.isEmpty()) {
                arguments.add("--peer");
                arguments.add(String.join(",", peers));
            }
            if (!trackers.isEmpty()) {
                arguments.add("--tracker");
                arguments.add(String.join(",", trackers));
            }
            arguments.add(source.regionMatches(true, 0, "magnet:", 0, 7) ? source : PluginCommand.absoluteIfLocal(source));
            return arguments;
        }

        @Override
        public Integer call() throws InterruptedException {
            boolean terminal = System.console() != null;
            try (ControlClient client = connect()) {
                ControlResponse added = client.execute(GogoCommandLine.of("torrent:add", arguments()));
                int exit = print(added);
                if (exit != 0 || detach || paused || !(terminal || waitForCompletion)) {
                    return exit;
                }
                String infoHash = added.output().lines().filter(line -> line.startsWith("Added "))
                        .map(line -> line.split("\\s+")[1]).findFirst()
                        .orElseThrow(() -> new IllegalStateException("unexpected answer from torrent:add: " + added.output()));
                PrintWriter out = spec.commandLine().getOut();
                return new ProgressWatch(client, infoHash, out, terminal).watch();
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists torrents: state, progress, rates, peers, ETA.")
    static final class ListTorrents extends Sub {
        @Override
        String function() {
            return "list";
        }

        @Override
        List<String> arguments() {
            return new ArrayList<>();
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Shows one torrent in detail.")
    static final class Info extends OnTorrent {
        @Override
        String function() {
            return "info";
        }
    }

    @Command(name = "peers", mixinStandardHelpOptions = true,
            description = "Lists a torrent's peers with the bytes received from and sent to each.")
    static final class Peers extends OnTorrent {
        @Override
        String function() {
            return "peers";
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pauses a torrent.")
    static final class Pause extends OnTorrent {
        @Override
        String function() {
            return "pause";
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resumes a paused torrent.")
    static final class Resume extends OnTorrent {
        @Override
        String function() {
            return "resume";
        }
    }

    @Command(name = "recheck", mixinStandardHelpOptions = true, description = "Hashes a torrent's data on disk again.")
    static final class Recheck extends OnTorrent {
        @Override
        String function() {
            return "recheck";
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a torrent; its files stay unless --delete-data.")
    static final class Remove extends OnTorrent {
        @Option(names = "--delete-data", description = "Delete the downloaded files too.")
        boolean deleteData;

        @Override
        String function() {
            return "remove";
        }

        @Override
        List<String> arguments() {
            List<String> arguments = new ArrayList<>();
            if (deleteData) {
                arguments.add("--delete-data");
            }
            arguments.add(reference);
            return arguments;
        }
    }

    @Command(name = "move", mixinStandardHelpOptions = true, description = "Moves a torrent's files to another folder.")
    static final class Move extends OnTorrent {
        @Parameters(index = "1", paramLabel = "DIR")
        String folder;

        @Override
        String function() {
            return "move";
        }

        @Override
        List<String> arguments() {
            return new ArrayList<>(List.of(reference, PluginCommand.absoluteIfLocal(folder)));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Makes a .torrent file from a file or folder.")
    static final class Create extends Sub {
        @Parameters(paramLabel = "CONTENT", description = "File or folder.")
        String content;

        @Option(names = {"-t", "--tracker"}, paramLabel = "URL", split = ",", description = "Tracker URLs (one tier).")
        List<String> trackers = new ArrayList<>();

        @Option(names = {"-l", "--piece-size"}, paramLabel = "SIZE", description = "Piece size, e.g. 256k or 1m (default: from the size).")
        String pieceSize;

        @Option(names = "--private", description = "Private torrent (BEP 27): peers only from its trackers.")
        boolean privateTorrent;

        @Option(names = "--pad", description = "Align files to pieces with padding files (BEP 47).")
        boolean pad;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write the .torrent (default: NAME.torrent here).")
        String output;

        @Option(names = "--seed", description = "Start seeding it from where the content is.")
        boolean seed;

        @Override
        String function() {
            return "create";
        }

        @Override
        List<String> arguments() {
            List<String> arguments = new ArrayList<>();
            if (!trackers.isEmpty()) {
                arguments.add("--tracker");
                arguments.add(String.join(",", trackers));
            }
            if (pieceSize != null) {
                arguments.add("--piece-size");
                arguments.add(pieceSize);
            }
            if (privateTorrent) {
                arguments.add("--private");
            }
            if (pad) {
                arguments.add("--pad");
            }
            if (seed) {
                arguments.add("--seed");
            }
            arguments.add("--output");
            arguments.add(PluginCommand.absoluteIfLocal(output != null ? output
                    : java.nio.file.Path.of(content).toAbsolutePath().normalize().getFileName() + ".torrent"));
            arguments.add(PluginCommand.absoluteIfLocal(content));
            return arguments;
        }
    }
}
