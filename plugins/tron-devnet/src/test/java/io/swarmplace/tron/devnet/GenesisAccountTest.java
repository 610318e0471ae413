package io.swarmplace.tron.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tron.trident.abi.TypeReference;
import org.tron.trident.abi.datatypes.Address;
import org.tron.trident.abi.datatypes.Function;
import org.tron.trident.abi.datatypes.generated.Uint256;
import org.tron.trident.core.ApiWrapper;
import org.tron.trident.core.key.KeyPair;

import io.swarmplace.tron.devnet.internal.GenesisAccount;

class GenesisAccountTest {

    @TempDir
    Path data;

    @Test
    void firstStartWritesAnOwnerOnlyFundedKeyAndARestartKeepsKeyAndBalances() throws Exception {
        GenesisAccount first;
        Funds funded;
        try (Devnet devnet = Devnet.start(config())) {
            first = GenesisAccount.loadOrCreate(devnet.dataDirectory(), devnet.faucet());
            funded = funds(devnet, first.address());
        }
        Path keyFile = data.resolve("faucet.key");
        assertThat(first.keyFile()).isEqualTo(keyFile);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        String keyHex = Files.readString(keyFile).trim();
        assertThat(new KeyPair(keyHex).toBase58CheckAddress()).isEqualTo(first.address());
        assertThat(funded).isEqualTo(new Funds(GenesisAccount.GENESIS_TRX_SUN, GenesisAccount.GENESIS_BTT_TRC10,
                GenesisAccount.GENESIS_BTT_TRC20));
        try (var files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }

        try (Devnet restarted = Devnet.start(config())) {
            GenesisAccount again = GenesisAccount.loadOrCreate(restarted.dataDirectory(), restarted.faucet());
            assertThat(again.address()).isEqualTo(first.address());
            assertThat(Files.readString(keyFile).trim()).isEqualTo(keyHex);
            assertThat(funds(restarted, again.address())).isEqualTo(funded);
        }
    }

    private DevnetConfig config() {
        return new DevnetConfig(0, data, Duration.ofMillis(150), 1);
    }

    private static Funds funds(Devnet devnet, String address) {
        ApiWrapper reader = new ApiWrapper(devnet.endpoint(), devnet.endpoint(), KeyPair.generate().toPrivateKey());
        try {
            var account = reader.getAccount(address);
            var result = reader.triggerConstantContract(address, devnet.bttContractAddress(),
                    new Function("balanceOf", List.of(new Address(address)), List.of(new TypeReference<Uint256>() { })));
            return new Funds(account.getBalance(), account.getAssetV2Map().getOrDefault("1002000", 0L),
                    new BigInteger(1, result.getConstantResult(0).toByteArray()));
        } finally {
            reader.close();
        }
    }

    private record Funds(long trxSun, long bttTrc10, BigInteger bttTrc20) {
    }
}
