package io.swarmplace.launcher.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the user's shell split into words reaches the node's Gogo command as the same words. */
class GogoCommandLineTest {

    private static ThreadIOImpl threadIo;
    private static CommandProcessorImpl processor;

    /** Records the arguments Gogo passes, as a plugin command would receive them. */
    public static final class Recorder {
        final List<String> received = new ArrayList<>();

        public void record(String... arguments) {
            received.addAll(List.of(arguments));
        }
    }

    @BeforeAll
    static void startGogo() {
        threadIo = new ThreadIOImpl();
        threadIo.start();
        processor = new CommandProcessorImpl(threadIo);
    }

    @AfterAll
    static void stopGogo() {
        threadIo.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "plain", "/opt/plugins/hello-1.0.0.jar", "https://example.org/x.jar?a=1&b=2", "with space",
        "$HOME", "${x}", "quote\"inside", "it's", "back\\slash", "semi;colon", "pipe|and>redirect",
        "{closure}", "(paren)", "[1.0,2)", "tab\there", "#hash", "ünïcødé", ""
    })
    void argumentsArriveUnchanged(String argument) throws Exception {
        Recorder recorder = new Recorder();
        processor.addCommand("t", recorder, "record");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), print, print)) {
            session.execute(GogoCommandLine.of("t:record", List.of("first", argument, "last")));
        } finally {
            processor.removeCommand("t", "record", recorder);
        }
        assertThat(recorder.received).containsExactly("first", argument, "last");
    }
}
