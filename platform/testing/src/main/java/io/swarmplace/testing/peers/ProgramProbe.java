package io.swarmplace.testing.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Checks whether an external program is installed and works, for {@code ExternalPart.require}. */
final class ProgramProbe {

    private ProgramProbe() {}

    /** True if {@code command} runs and exits with 0 within 20 seconds. */
    static boolean runsSuccessfully(List<String> command) {
        if (!Files.isExecutable(Path.of(command.get(0)))) {
            return false;
        }
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
