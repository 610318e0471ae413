package io.swarmplace.torrent.metainfo;

import io.swarmplace.testing.ExternalPart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real libtorrent (python3-libtorrent, Debian's /usr/bin/python3 only) and mktorrent, driven by small
 * scripts through ProcessBuilder: what libtorrent makes of a .torrent file and whether a libtorrent
 * session finds every piece of it in a folder.
 */
public final class Libtorrent {

    public static final String PYTHON = "/usr/bin/python3";

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Prints the torrent as libtorrent sees it; with a save path, adds it to a session and waits for the check. */
    private static final String SCRIPT = String.join("\n",
            "import sys, time, libtorrent as lt",
            "ti = lt.torrent_info(sys.argv[1])",
            "print('hash', str(ti.info_hash()))",
            "fs = ti.files()",
            "for i in range(fs.num_files()):",
            "    pad = 1 if fs.file_flags(i) & lt.file_storage.flag_pad_file else 0",
            "    print('file', pad, fs.file_size(i), fs.file_path(i).replace('\\\\', '/'))",
            "print('pieces', ti.num_pieces(), ti.piece_length())",
            "print('private', 1 if ti.priv() else 0)",
            "if len(sys.argv) > 2:",
            "    s = lt.session({'listen_interfaces': '127.0.0.1:0', 'enable_dht': False, 'enable_lsd': False,",
            "                    'enable_upnp': False, 'enable_natpmp': False, 'enable_outgoing_utp': False,",
            "                    'enable_incoming_utp': False,",
            "                    'alert_mask': lt.alert_category.status | lt.alert_category.error | lt.alert_category.storage})",
            "    p = lt.add_torrent_params()",
            "    p.ti = ti",
            "    p.save_path = sys.argv[2]",
            "    h = s.add_torrent(p)",
            "    deadline = time.time() + 30",
            "    checked = False",
            "    while not checked and time.time() < deadline:",
            "        s.wait_for_alert(100)",
            "        for a in s.pop_alerts():",
            "            if isinstance(a, lt.torrent_checked_alert):",
            "                checked = True",
            "            elif isinstance(a, (lt.file_error_alert, lt.torrent_error_alert)):",
            "                print('error', a.message())",
            "    st = h.status()",
            "    print('check', 'done' if checked else 'timeout', st.state, st.num_pieces)",
            "");

    private Libtorrent() {}

    /** What libtorrent read from a .torrent file, and optionally how its check of the data went. */
    public record View(String infoHash, List<FileEntry> files, int pieces, int pieceLength, boolean privateTorrent,
            String checkOutcome, String state, int piecesHave, List<String> errors) {}

    public record FileEntry(String path, long size, boolean padding) {}

    public static void requireLibtorrent() {
        ExternalPart.require("python3-libtorrent for " + PYTHON, "apt-get install python3-libtorrent",
                () -> Files.isExecutable(Path.of(PYTHON)) && exitsZero(PYTHON, "-c", "import libtorrent"));
    }

    public static void requireMktorrent() {
        ExternalPart.require("mktorrent", "apt-get install mktorrent", () -> ExternalPart.onPath("mktorrent"));
    }

    /** libtorrent's view of {@code torrent}, without touching any data. */
    public static View inspect(Path torrent) throws IOException, InterruptedException {
        return parse(run(List.of(PYTHON, "-c", SCRIPT, torrent.toString())));
    }

    /** libtorrent's view of {@code torrent} after a session checked the data under {@code savePath}. */
    public static View check(Path torrent, Path savePath) throws IOException, InterruptedException {
        return parse(run(List.of(PYTHON, "-c", SCRIPT, torrent.toString(), savePath.toString())));
    }

    /** Runs a command, returning its standard output; fails with its error output if it fails or hangs. */
    public static String run(List<String> command) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("swarmplace-tool", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command.get(0) + " did not finish within " + TIMEOUT);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command.subList(0, Math.min(2, command.size())))
                        + " failed with exit code " + process.exitValue() + ": " + Files.readString(errors));
            }
            return new String(output, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    private static View parse(String output) {
        String hash = null;
        List<FileEntry> files = new ArrayList<>();
        int pieces = -1;
        int pieceLength = -1;
        boolean privateTorrent = false;
        String outcome = null;
        String state = null;
        int have = -1;
        List<String> errors = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] words = line.split(" ", 4);
            switch (words[0]) {
                case "hash" -> hash = words[1];
                case "file" -> files.add(new FileEntry(words[3], Long.parseLong(words[2]), words[1].equals("1")));
                case "pieces" -> {
                    pieces = Integer.parseInt(words[1]);
                    pieceLength = Integer.parseInt(words[2]);
                }
                case "private" -> privateTorrent = words[1].equals("1");
                case "check" -> {
                    outcome = words[1];
                    state = words[2];
                    have = Integer.parseInt(words[3]);
                }
                case "error" -> errors.add(line);
                default -> { }
            }
        }
        return new View(hash, files, pieces, pieceLength, privateTorrent, outcome, state, have, errors);
    }

    private static boolean exitsZero(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
