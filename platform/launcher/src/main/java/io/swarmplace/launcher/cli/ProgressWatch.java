package io.swarmplace.launcher.cli;

import io.swarmplace.control.ControlResponse;
import io.swarmplace.launcher.client.ControlClient;
import io.swarmplace.launcher.client.GogoCommandLine;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Polls {@code torrent:progress} and draws a progress bar with rate and ETA until the torrent is
 * seeding: redrawn in place at a terminal, one line every few seconds otherwise.
 */
final class ProgressWatch {

    private static final long TERMINAL_INTERVAL_MILLIS = 500;
    private static final long LOG_INTERVAL_MILLIS = 5_000;
    private static final int BAR_WIDTH = 30;

    private final ControlClient client;
    private final String infoHash;
    private final PrintWriter out;
    private final boolean terminal;

    ProgressWatch(ControlClient client, String infoHash, PrintWriter out, boolean terminal) {
        this.client = client;
        this.infoHash = infoHash;
        this.out = out;
        this.terminal = terminal;
    }

    /** Returns 0 once complete, 1 if the torrent failed or vanished. */
    int watch() throws InterruptedException {
        while (true) {
            ControlResponse response = client.execute(GogoCommandLine.of("torrent:progress", List.of(infoHash)));
            if (!response.succeeded()) {
                finishLine();
                out.println("Error: " + response.error());
                out.flush();
                return 1;
            }
            Progress progress = Progress.parse(response.output().strip());
            draw(progress);
            if (progress.state().equals("SEEDING")) {
                finishLine();
                out.println("Complete: " + progress.name());
                out.flush();
                return 0;
            }
            if (progress.state().equals("ERROR")) {
                finishLine();
                out.println("Failed: run 'swarmplace torrent info " + infoHash + "' for the reason");
                out.flush();
                return 1;
            }
            Thread.sleep(terminal ? TERMINAL_INTERVAL_MILLIS : LOG_INTERVAL_MILLIS);
        }
    }

    private void draw(Progress progress) {
        String line = render(progress);
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
        } else {
            out.println(line);
        }
        out.flush();
    }

    private void finishLine() {
        if (terminal) {
            out.println();
        }
    }

    static String render(Progress progress) {
        int filled = (int) Math.round(progress.fraction() * BAR_WIDTH);
        String bar = "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled);
        return String.format(Locale.ROOT, "[%s] %5.1f%%  %s  down %s/s  up %s/s  %d peers  ETA %s",
                bar, progress.fraction() * 100, progress.state().toLowerCase(Locale.ROOT).replace('_', ' '),
                human(progress.downloadRate()), human(progress.uploadRate()), progress.peers(), progress.eta());
    }

    private static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** One line of {@code torrent:progress}. */
    record Progress(String state, double fraction, long downloadRate, long uploadRate, String eta, int peers, String name) {

        static Progress parse(String line) {
            String[] fields = line.split("\t", 9);
            if (fields.length < 9) {
                throw new IllegalStateException("unexpected answer from torrent:progress: " + line);
            }
            String eta = fields[6].equals("-") ? "-" : formatSeconds(Long.parseLong(fields[6]));
            return new Progress(fields[0], Double.parseDouble(fields[1]), Long.parseLong(fields[4]),
                    Long.parseLong(fields[5]), eta, Integer.parseInt(fields[7]), fields[8]);
        }

        private static String formatSeconds(long seconds) {
            return seconds < 3600
                    ? String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60)
                    : String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60);
        }
    }
}
