package io.swarmplace.wallet.internal.tron;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a TRON network answers: the full node (Wallet service) and the solidity node (WalletSolidity),
 * both gRPC "host:port", and the BTT TRC-20 contract on that network (empty when unknown).
 *
 * @param name          what the user calls it, shown in messages
 * @param fullNode      gRPC endpoint of the full node
 * @param solidityNode  gRPC endpoint of the solidity node
 * @param bttContract   base58 address of BTT's TRC-20 contract on this network, or empty
 */
public record TronEndpoints(String name, String fullNode, String solidityNode, Optional<String> bttContract) {

    /**
     * TronGrid's public gRPC endpoints. BTT's TRC-20 contract is known only on mainnet; on the test
     * networks it must be configured.
     */
    public static TronEndpoints named(String network, Optional<String> bttContract) {
        return switch (network.toLowerCase(Locale.ROOT)) {
            case "mainnet" -> new TronEndpoints("mainnet", "grpc.trongrid.io:50051", "grpc.trongrid.io:50052",
                    bttContract.or(() -> Optional.of(io.swarmplace.wallet.Token.BTT_MAINNET_CONTRACT)));
            case "nile" -> new TronEndpoints("nile", "grpc.nile.trongrid.io:50051", "grpc.nile.trongrid.io:50061", bttContract);
            case "shasta" -> new TronEndpoints("shasta", "grpc.shasta.trongrid.io:50051", "grpc.shasta.trongrid.io:50061",
                    bttContract);
            default -> throw new IllegalArgumentException("unknown network '" + network
                    + "': use devnet, nile, shasta, mainnet, or custom with fullNode and solidityNode");
        };
    }

    @Override
    public String toString() {
        return name + " (" + fullNode + (fullNode.equals(solidityNode) ? "" : ", solidity " + solidityNode) + ")";
    }
}
