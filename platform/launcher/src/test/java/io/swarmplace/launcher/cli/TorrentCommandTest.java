package io.swarmplace.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swarmplace.launcher.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TorrentCommandTest {

    @Test
    void everySubcommandOfTheCliBuildsWithoutClashingOptions() {
        CommandLine commandLine = new CommandLine(new Main());
        assertThat(commandLine.getSubcommands()).containsKey("torrent");
        assertThat(commandLine.getSubcommands().get("torrent").getSubcommands().keySet())
                .contains("add", "list", "info", "peers", "pause", "resume", "remove", "recheck", "move", "create");
    }

    @Test
    void addTranslatesOptionsToTheShellCommandWithAbsolutePaths() {
        CommandLine commandLine = new CommandLine(new Main());
        CommandLine.ParseResult parsed = commandLine.parseArgs(
                "torrent", "add", "--folder", "dl", "--peer", "127.0.0.1:6881,[::1]:7000", "--sequential", "x.torrent");
        TorrentCommand.Add add = (TorrentCommand.Add) parsed.subcommand().subcommand().commandSpec().userObject();
        assertThat(add.arguments()).containsExactly(
                "--folder", java.nio.file.Path.of("dl").toAbsolutePath().toString(),
                "--sequential",
                "--peer", "127.0.0.1:6881,[::1]:7000",
                java.nio.file.Path.of("x.torrent").toAbsolutePath().toString());
    }

    @Test
    void magnetLinksPassThroughUntouched() {
        CommandLine commandLine = new CommandLine(new Main());
        String magnet = "magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=a b";
        CommandLine.ParseResult parsed = commandLine.parseArgs("torrent", "add", magnet);
        TorrentCommand.Add add = (TorrentCommand.Add) parsed.subcommand().subcommand().commandSpec().userObject();
        assertThat(add.arguments()).containsExactly(magnet);
    }

    @Test
    void removeOnlyDeletesDataWhenAskedInFull() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new Main()).setErr(new PrintWriter(err));
        CommandLine.ParseResult parsed = commandLine.parseArgs("torrent", "remove", "--delete-data", "abcd");
        TorrentCommand.Remove remove = (TorrentCommand.Remove) parsed.subcommand().subcommand().commandSpec().userObject();
        assertThat(remove.arguments()).containsExactly("--delete-data", "abcd");
        assertThatThrownBy(() -> new CommandLine(new Main()).parseArgs("torrent", "remove", "-x", "abcd"))
                .isInstanceOf(CommandLine.UnmatchedArgumentException.class);
    }

    @Test
    void progressLineRendersBarRatesAndEta() {
        ProgressWatch.Progress progress = ProgressWatch.Progress.parse(
                "DOWNLOADING\t0.500000\t512\t1024\t2097152\t1024\t75\t3\tmy album");
        String line = ProgressWatch.render(progress);
        assertThat(line).startsWith("[" + "#".repeat(15) + "-".repeat(15) + "]")
                .contains("50.0%", "downloading", "down 2.0 MiB/s", "up 1.0 KiB/s", "3 peers", "ETA 1:15");
        assertThat(progress.name()).isEqualTo("my album");
    }

    @Test
    void progressLineWithoutEtaShowsADash() {
        ProgressWatch.Progress progress = ProgressWatch.Progress.parse("FETCHING_METADATA\t0.000000\t0\t0\t0\t0\t-\t0\tabc");
        assertThat(ProgressWatch.render(progress)).contains("fetching metadata", "ETA -");
    }

    @Test
    void aGarbledProgressAnswerIsAnError() {
        assertThatThrownBy(() -> ProgressWatch.Progress.parse("nonsense"))
                .hasMessageContaining("unexpected answer from torrent:progress");
    }
}
