package io.swarmplace.launcher.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows whether the node is running and ready. Exit code 3 when no node runs.")
public final class StatusCommand extends NodeCommand.TopLevel implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException {
        return run("swarmplace:status");
    }
}
