package io.swarmplace.wallet.bench;

import io.swarmplace.tron.devnet.Devnet;
import io.swarmplace.tron.devnet.DevnetConfig;
import io.swarmplace.wallet.Token;
import io.swarmplace.wallet.TokenAmount;
import io.swarmplace.wallet.Transfer;
import io.swarmplace.wallet.TransferRequest;
import io.swarmplace.wallet.TronAddress;
import io.swarmplace.wallet.internal.engine.OfflineWallet;
import io.swarmplace.wallet.internal.engine.WalletEngine;
import io.swarmplace.wallet.internal.engine.WalletSettings;
import io.swarmplace.wallet.internal.keystore.ScryptCost;
import io.swarmplace.wallet.internal.tron.TronClient;
import io.swarmplace.wallet.internal.tron.TronEndpoints;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tron.trident.core.key.KeyPair;

/**
 * Signed transfers per second through the wallet's full path (Trident builds the transaction against
 * the devnet over gRPC, the key signs it, the transfer store forces it to disk, Trident broadcasts it)
 * and the time from send to solidified. Arguments: {@code --transfers N} per token (default 300),
 * {@code --confirmations N} (default 20), {@code --block-ms M} (default 3000, TRON's),
 * {@code --solidify-depth D} (default 19, TRON's).
 */
public final class TransfersBenchmark {

    private TransfersBenchmark() {}

    public static void main(String[] args) throws Exception {
        int transfers = option(args, "--transfers", 300);
        int confirmations = option(args, "--confirmations", 20);
        int blockMs = option(args, "--block-ms", 3000);
        int depth = option(args, "--solidify-depth", 19);
        Path work = Files.createTempDirectory("wallet-bench");
        try (Devnet devnet = Devnet.start(new DevnetConfig(0, work.resolve("chain"), Duration.ofMillis(blockMs), depth));
             TronClient client = new TronClient(new TronEndpoints("devnet", devnet.endpoint(), devnet.endpoint(),
                     Optional.of(devnet.bttContractAddress())), 10_000, "")) {
            WalletEngine wallet = new WalletEngine(
                    OfflineWallet.open(work, ScryptCost.LIGHT, Duration.ofHours(1), Clock.systemUTC()), client,
                    new WalletSettings(Duration.ofHours(1), 100_000_000L, Duration.ofMillis(50), 1000), Clock.systemUTC());
            char[] passphrase = "bench".toCharArray();
            KeyPair aliceKey = KeyPair.generate();
            TronAddress alice = wallet.importAccount(aliceKey.toPrivateKey().toCharArray(), passphrase);
            TronAddress bob = wallet.createAccount(passphrase);
            devnet.faucet().mintTrx(alice.base58(), 1_000_000_000_000L);
            devnet.faucet().mintBttTrc20(alice.base58(), BigInteger.TEN.pow(30));
            devnet.faucet().mintBttTrc10(alice.base58(), 1_000_000_000_000L);
            wallet.unlock(alice, passphrase, null);
            System.out.printf(Locale.ROOT, "devnet: block every %d ms, solidified after %d blocks; %d transfers per token%n",
                    blockMs, depth, transfers);

            sendMany(wallet, alice, bob, TokenAmount.parse("1", Token.BTT), Math.min(30, transfers)); // warm-up: JIT, channels
            for (Token token : List.of(Token.BTT, Token.BTT_TRC10, Token.TRX)) {
                long start = System.nanoTime();
                sendMany(wallet, alice, bob, TokenAmount.parse("0.000001", token), transfers);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "%-6s %4d sends in %6.2f s: %7.1f signed transfers/s (one sender thread)%n",
                        token.symbol(), transfers, seconds, transfers / seconds);
            }
            long rawStart = System.nanoTime();
            for (int i = 0; i < transfers; i++) {
                client.broadcast(client.sign(client.buildTransfer(alice, bob, TokenAmount.parse("0.000001", Token.BTT),
                        100_000_000L), aliceKey));
            }
            double rawSeconds = (System.nanoTime() - rawStart) / 1e9;
            System.out.printf(Locale.ROOT, "BTT    %4d in %6.2f s: %7.1f transfers/s on Trident alone (build, sign, broadcast;"
                    + " no balance check, nothing stored)%n", transfers, rawSeconds, transfers / rawSeconds);

            long start = System.nanoTime();
            ExecutorService senders = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                done.add(senders.submit(() -> sendMany(wallet, alice, bob, TokenAmount.parse("0.000001", Token.BTT), transfers / 4)));
            }
            for (Future<?> future : done) {
                future.get();
            }
            senders.shutdown();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "BTT    %4d sends in %6.2f s: %7.1f signed transfers/s (4 sender threads)%n",
                    transfers / 4 * 4, seconds, transfers / 4 * 4 / seconds);

            double[] millis = new double[confirmations];
            for (int i = 0; i < confirmations; i++) {
                long sent = System.nanoTime();
                Transfer transfer = wallet.send(TransferRequest.of(alice, bob, TokenAmount.parse("1", Token.BTT)));
                wallet.awaitConfirmation(transfer.txid(), Duration.ofMinutes(5));
                millis[i] = (System.nanoTime() - sent) / 1e6;
            }
            Arrays.sort(millis);
            System.out.printf(Locale.ROOT, "time to confirmation (send → solidified, %d BTT transfers one after another): "
                    + "median %.0f ms, min %.0f ms, max %.0f ms%n", confirmations, millis[confirmations / 2], millis[0],
                    millis[confirmations - 1]);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static Void sendMany(WalletEngine wallet, TronAddress from, TronAddress to, TokenAmount amount, int count)
            throws Exception {
        for (int i = 0; i < count; i++) {
            wallet.send(TransferRequest.of(from, to, amount));
        }
        return null;
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
