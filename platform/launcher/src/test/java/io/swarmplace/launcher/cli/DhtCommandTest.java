package io.swarmplace.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.swarmplace.launcher.Main;
import io.swarmplace.launcher.client.GogoCommandLine;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DhtCommandTest {

    private static DhtCommand.Sub parse(String... args) {
        CommandLine.ParseResult parsed = new CommandLine(new Main()).parseArgs(args);
        return (DhtCommand.Sub) parsed.subcommand().subcommand().commandSpec().userObject();
    }

    @Test
    void everySubcommandIsThere() {
        CommandLine commandLine = new CommandLine(new Main());
        assertThat(commandLine.getSubcommands().get("dht").getSubcommands().keySet())
                .contains("status", "lookup", "get", "put");
    }

    @Test
    void putTranslatesOptionsToTheShellCommandWithAnAbsoluteKeyFile() {
        DhtCommand.Sub put = parse("dht", "put", "--key", "me.key", "--salt", "offers", "--seq", "7", "hello world");
        assertThat(put.function()).isEqualTo("put");
        assertThat(put.arguments()).containsExactly("--key", Path.of("me.key").toAbsolutePath().toString(), "--salt", "offers",
                "--seq", "7", "hello world");
        assertThat(GogoCommandLine.of("dht:put", parse("dht", "put", "-b", "i5e").arguments())).contains("dht:put")
                .contains("--bencoded");
    }

    @Test
    void getAndLookupPassTheirKeyThrough() {
        assertThat(parse("dht", "get", "-s", "x", "ab".repeat(32)).arguments()).containsExactly("--salt", "x", "ab".repeat(32));
        assertThat(parse("dht", "lookup", "00".repeat(20)).arguments()).containsExactly("00".repeat(20));
        assertThat(parse("dht", "status").arguments()).isEmpty();
    }
}
