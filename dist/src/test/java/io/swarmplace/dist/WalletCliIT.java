package io.swarmplace.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.swarmplace.dist.Distribution.CliResult;
import io.swarmplace.testing.peers.FreePorts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wallet of a real node through bin/swarmplace: accounts, the devnet faucet, BTT and legacy BTT
 * sends confirmed on the node's own devnet, bad input refused with the reason, a restart that keeps
 * everything; and bin/swarmplace devnet as a separate chain a node connects to.
 */
class WalletCliIT {

    private static final Pattern CREATED = Pattern.compile("Created (T[1-9A-HJ-NP-Za-km-z]{33})");

    @TempDir
    Path work;

    @Test
    void createFundSendAndKeepAcrossARestart() throws Exception {
        Distribution dist = Distribution.unpack(work);
        Path passphrase = Files.writeString(work.resolve("passphrase"), "a long wallet passphrase\n");
        String alice;
        String bob;
        try (RunningNode node = dist.start()) {
            alice = created(ok(dist.cli("wallet", "create", "--passphrase-file", passphrase.toString())));
            bob = created(ok(dist.cli("wallet", "create", "--passphrase-file", passphrase.toString())));
            assertThat(ok(dist.cli("wallet", "list")).out()).contains("Network: devnet (in this node, started on first use)", "* " + alice, "  " + bob);
            ok(dist.cli("wallet", "faucet"));

            assertThat(ok(dist.cli("wallet", "send", "--yes", "--wait", "60", "--passphrase-file", passphrase.toString(),
                    bob, "12.5")).out()).contains("Send 12.5 BTT from " + alice + " to " + bob, "Fee: at most", "confirmed ");
            assertThat(ok(dist.cli("wallet", "send", "--yes", "--wait", "60", "--token", "BTTOLD", "--passphrase-file",
                    passphrase.toString(), bob, "1")).out()).contains("confirmed ");
            assertThat(ok(dist.cli("wallet", "balance", "--account", bob)).out()).contains("12.5 BTT", "1 BTTOLD (TRC-10)");

            // Bob holds BTT but no TRX: the devnet would burn TRX for the energy, so the wallet refuses and says how much.
            CliResult noTrx = dist.cli("wallet", "send", "--yes", "--from", bob, "--passphrase-file", passphrase.toString(),
                    alice, "1");
            assertThat(noTrx.exitCode()).as(noTrx.toString()).isEqualTo(1);
            assertThat(noTrx.err()).contains("holds 0 TRX", "burnt for 14650 energy", "short by");

            CliResult unconfirmed = dist.cli("wallet", "send", bob, "1");
            assertThat(unconfirmed.exitCode()).as(unconfirmed.toString()).isEqualTo(2);
            assertThat(unconfirmed.err()).contains("add --yes");
            CliResult badAddress = dist.cli("wallet", "send", "--yes", "--passphrase-file", passphrase.toString(),
                    bob.substring(0, 33) + (bob.endsWith("1") ? "2" : "1"), "1");
            assertThat(badAddress.exitCode()).isEqualTo(1);
            assertThat(badAddress.err()).contains("is not a TRON address");
            CliResult tooPrecise = dist.cli("wallet", "send", "--yes", "--token", "BTTOLD", "--passphrase-file",
                    passphrase.toString(), bob, "0.0000001");
            assertThat(tooPrecise.err()).contains("more than 6 decimals");
            Path wrong = Files.writeString(work.resolve("wrong"), "not the passphrase\n");
            CliResult wrongPassphrase = dist.cli("wallet", "send", "--yes", "--passphrase-file", wrong.toString(), bob, "1");
            assertThat(wrongPassphrase.exitCode()).isEqualTo(1);
            assertThat(wrongPassphrase.err()).containsIgnoringCase("passphrase");
        }
        try (RunningNode restarted = dist.start()) {
            assertThat(ok(dist.cli("wallet", "balance", "--account", bob)).out()).contains("12.5 BTT", "1 BTTOLD (TRC-10)");
            assertThat(ok(dist.cli("wallet", "history", "--account", bob)).out()).contains("12.5 BTT", "1 BTTOLD")
                    .doesNotContain("pending");
            assertThat(ok(dist.cli("wallet", "address")).out().strip()).isEqualTo(alice);
        }
    }

    @Test
    void aNodeUsesADevnetRunningAsItsOwnProcess() throws Exception {
        Distribution dist = Distribution.unpack(work);
        int port = FreePorts.loopbackPort();
        Process devnet = new ProcessBuilder(dist.home().resolve("bin/swarmplace").toString(), "devnet",
                "--data-dir", work.resolve("chain").toString(), "--port", Integer.toString(port), "--block-interval-ms", "200")
                .redirectErrorStream(true).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(devnet.getInputStream(), StandardCharsets.UTF_8));
            Matcher genesis = Pattern.compile("devnet faucet account (T\\w{33}) \\(devnet-only key in (\\S+);")
                    .matcher(output.readLine());
            assertThat(genesis.find()).isTrue();
            assertThat(output.readLine()).isEqualTo("devnet ready on 127.0.0.1:" + port);
            Path faucetKey = work.resolve("chain/faucet.key");
            assertThat(genesis.group(2)).isEqualTo(faucetKey.toString());
            Files.writeString(dist.home().resolve("conf/io.swarmplace.wallet.cfg"),
                    "network=devnet\nfullNode=127.0.0.1:" + port + "\nscryptCost=LIGHT\n");
            try (RunningNode node = dist.start()) {
                Path passphrase = Files.writeString(work.resolve("passphrase"), "p\n");
                String account = created(ok(dist.cli("wallet", "create", "--passphrase-file", passphrase.toString())));
                assertThat(ok(dist.cli("wallet", "list")).out()).contains("Network: devnet (127.0.0.1:" + port + ")");
                assertThat(ok(dist.cli("wallet", "balance")).out()).contains(account, "0 BTT", "0 TRX");
                CliResult faucet = dist.cli("wallet", "faucet");
                assertThat(faucet.err()).contains("no faucet", "wallet import --key-file", "faucet.key");

                String faucetAccount = imported(ok(dist.cli("wallet", "import", "--key-file", faucetKey.toString(),
                        "--passphrase-file", passphrase.toString())));
                assertThat(faucetAccount).isEqualTo(genesis.group(1));
                ok(dist.cli("wallet", "send", "--yes", "--wait", "60", "--token", "TRX", "--from", faucetAccount,
                        "--passphrase-file", passphrase.toString(), account, "50"));
                ok(dist.cli("wallet", "send", "--yes", "--wait", "60", "--from", faucetAccount,
                        "--passphrase-file", passphrase.toString(), account, "100"));

                Path key = Files.writeString(work.resolve("key.hex"), "01".repeat(32) + "\n");
                Matcher imported = Pattern.compile("Imported (T\\w{33})").matcher(ok(dist.cli("wallet", "import",
                        "--key-file", key.toString(), "--passphrase-file", passphrase.toString())).out());
                assertThat(imported.find()).isTrue();
                assertThat(ok(dist.cli("wallet", "list")).out()).contains("* " + account, "  " + imported.group(1));

                Distribution second = Distribution.unpack(Files.createDirectories(work.resolve("second")));
                Files.writeString(second.home().resolve("conf/io.swarmplace.wallet.cfg"),
                        "network=devnet\nfullNode=127.0.0.1:" + port + "\nscryptCost=LIGHT\n");
                try (RunningNode secondNode = second.start()) {
                    String secondAccount = created(ok(second.cli("wallet", "create", "--passphrase-file", passphrase.toString())));
                    assertThat(ok(dist.cli("wallet", "send", "--yes", "--wait", "60", "--passphrase-file",
                            passphrase.toString(), secondAccount, "12.5")).out()).contains("confirmed ");
                    assertThat(ok(second.cli("wallet", "balance")).out()).contains(secondAccount, "12.5 BTT");
                    assertThat(ok(dist.cli("wallet", "balance", "--account", secondAccount)).out()).contains("12.5 BTT");
                    assertThat(ok(dist.cli("wallet", "balance")).out()).contains("87.5 BTT");
                }
                CliResult again = dist.cli("wallet", "import", "--key-file", key.toString(), "--passphrase-file",
                        passphrase.toString());
                assertThat(again.err()).contains("already holds " + imported.group(1));
            }
        } finally {
            devnet.destroy();
            if (!devnet.waitFor(10, TimeUnit.SECONDS)) {
                devnet.destroyForcibly();
            }
        }
        assertThat(work.resolve("chain/chain.snapshot")).exists();
    }

    private static String created(CliResult result) {
        Matcher matcher = CREATED.matcher(result.out());
        assertThat(matcher.find()).as(result.toString()).isTrue();
        return matcher.group(1);
    }

    private static String imported(CliResult result) {
        Matcher matcher = Pattern.compile("Imported (T\\w{33})").matcher(result.out());
        assertThat(matcher.find()).as(result.toString()).isTrue();
        return matcher.group(1);
    }

    private static CliResult ok(CliResult result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }
}
