package io.swarmplace.tron.devnet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.swarmplace.tron.devnet.internal.GenesisAccount;

/**
 * Runs a devnet as its own process: {@code --port N --data DIR --block-interval-ms M [--solidify-depth D]}
 * ({@code --data-dir} is the same as {@code --data}, as in {@code bin/swarmplace devnet}). On the first start of an
 * empty data directory it creates and funds the genesis account whose devnet-only key it writes to {@code faucet.key}.
 */
public final class DevnetMain {

    private DevnetMain() {
    }

    public static void main(String[] args) throws Exception {
        Devnet devnet = Devnet.start(parse(args));
        GenesisAccount genesis = GenesisAccount.loadOrCreate(devnet.dataDirectory(), devnet.faucet());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            devnet.close();
            stopped.countDown();
        }, "devnet-shutdown"));
        System.out.println("devnet faucet account " + genesis.address() + " (devnet-only key in " + genesis.keyFile()
                + "; fund a node with: swarmplace wallet import --key-file " + genesis.keyFile() + ")");
        System.out.println("devnet ready on " + devnet.endpoint());
        System.out.flush();
        stopped.await();
    }

    static DevnetConfig parse(String[] args) {
        int port = 50051;
        Path data = null;
        long intervalMs = DevnetConfig.TRON_BLOCK_INTERVAL.toMillis();
        int depth = 19;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(require(args[i], value));
                case "--data", "--data-dir" -> data = Path.of(require(args[i], value));
                case "--block-interval-ms" -> intervalMs = Long.parseLong(require(args[i], value));
                case "--solidify-depth" -> depth = Integer.parseInt(require(args[i], value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; expected --port N --data DIR --block-interval-ms M [--solidify-depth D]");
            }
            i++;
        }
        if (data == null) {
            throw new IllegalArgumentException("--data DIR is required: the chain state lives there");
        }
        return new DevnetConfig(port, data, Duration.ofMillis(intervalMs), depth);
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
