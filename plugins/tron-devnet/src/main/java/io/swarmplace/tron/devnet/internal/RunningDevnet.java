package io.swarmplace.tron.devnet.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.swarmplace.tron.devnet.Devnet;
import io.swarmplace.tron.devnet.DevnetConfig;
import io.swarmplace.tron.devnet.Faucet;

/** Wires state, persistence, block production and the gRPC services together. */
public final class RunningDevnet implements Devnet {

    /** Fixed so that configuration pointing at the devnet's BTT survives restarts and fresh chains alike. */
    static final ByteString BTT_CONTRACT = deterministicAddress("swarmplace devnet BTT TRC-20");
    static final ByteString WITNESS = deterministicAddress("swarmplace devnet witness");

    private final DevnetConfig config;
    private final ChainState state;
    private final BlockProducer producer;
    private final Server server;
    private final Faucet faucet;

    private RunningDevnet(DevnetConfig config, ChainState state, BlockProducer producer, Server server) {
        this.config = config;
        this.state = state;
        this.producer = producer;
        this.server = server;
        this.faucet = new DevnetFaucet(state, producer);
    }

    public static RunningDevnet start(DevnetConfig config) throws IOException {
        Clock clock = Clock.systemUTC();
        ChainState state = new ChainState();
        StateSnapshot snapshot = new StateSnapshot(config.dataDirectory());
        if (snapshot.exists()) {
            snapshot.readInto(state);
        }
        BlockProducer producer = new BlockProducer(state, snapshot, clock, WITNESS);
        if (state.blocks.isEmpty()) {
            producer.produce(); // genesis: transactions need a block to reference
        }
        BttTrc20Contract btt = new BttTrc20Contract(BTT_CONTRACT, Devnet.BTT_TRC20_DECIMALS);
        TransactionExecutor executor = new TransactionExecutor(btt, clock);
        TransactionPool pool = new TransactionPool(state, new TransactionValidator(clock), executor);
        // The shaded Netty builder is named directly: no ServiceLoader lookup for the server side.
        WalletService fullNode = new WalletService(state, pool, executor, btt, clock);
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", config.port()))
                .addService(fullNode)
                .addService(new WalletSolidityService(state, fullNode, config.solidifyDepth()))
                .build();
        try {
            server.start();
        } catch (IOException e) {
            producer.close();
            throw new IOException("cannot listen on 127.0.0.1:" + config.port()
                    + " (is another devnet or node running there? pick another --port)", e);
        }
        producer.start(config.blockInterval());
        return new RunningDevnet(config, state, producer, server);
    }

    private static ByteString deterministicAddress(String seed) {
        byte[] raw = new byte[21];
        raw[0] = Addresses.TRON_PREFIX;
        System.arraycopy(Hashes.sha256(seed.getBytes(StandardCharsets.UTF_8)), 0, raw, 1, 20);
        return ByteString.copyFrom(raw);
    }

    @Override
    public int port() {
        return server.getPort();
    }

    @Override
    public String bttContractAddress() {
        return standardBttContractAddress();
    }

    public static String standardBttContractAddress() {
        return Addresses.toBase58(BTT_CONTRACT);
    }

    @Override
    public long latestBlockNumber() {
        return state.latestBlock().getBlockHeader().getRawData().getNumber();
    }

    @Override
    public Path dataDirectory() {
        return config.dataDirectory();
    }

    @Override
    public Faucet faucet() {
        return faucet;
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        producer.close();
        synchronized (state) {
            producer.save(); // transactions accepted since the last block
        }
    }

}
