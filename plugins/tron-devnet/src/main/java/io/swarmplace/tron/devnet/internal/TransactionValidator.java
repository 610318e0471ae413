package io.swarmplace.tron.devnet.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.tron.trident.proto.Chain;
import org.tron.trident.proto.Contract;
import org.tron.trident.proto.Response.TransactionReturn.response_code;

/** The checks a TRON node makes before it executes a transaction: shape, expiry, duplicates, TaPoS, signature. */
final class TransactionValidator {

    /** TRON refuses expirations further out than a day. */
    static final Duration MAX_EXPIRATION = Duration.ofDays(1);
    /** TaPoS references must point at one of the latest 65,536 blocks (2-byte ref_block_bytes). */
    static final int TAPOS_WINDOW = 65_536;

    private final Clock clock;

    TransactionValidator(Clock clock) {
        this.clock = clock;
    }

    /** Validates against {@code state} (the caller holds its lock) and returns the owner address. */
    ByteString validate(ChainState state, Chain.Transaction tx, ByteString txid) throws TransactionRejectedException {
        Chain.Transaction.raw raw = tx.getRawData();
        if (raw.getContractCount() != 1) {
            throw new TransactionRejectedException(response_code.CONTRACT_VALIDATE_ERROR,
                    "a transaction carries exactly one contract, this one has " + raw.getContractCount());
        }
        long now = clock.millis();
        if (raw.getExpiration() <= now) {
            throw new TransactionRejectedException(response_code.TRANSACTION_EXPIRATION_ERROR,
                    "transaction expired at " + raw.getExpiration() + " ms, now is " + now);
        }
        if (raw.getExpiration() > now + MAX_EXPIRATION.toMillis()) {
            throw new TransactionRejectedException(response_code.TRANSACTION_EXPIRATION_ERROR,
                    "expiration " + raw.getExpiration() + " is more than a day ahead");
        }
        if (state.isSeen(txid)) {
            throw new TransactionRejectedException(response_code.DUP_TRANSACTION_ERROR, "duplicate transaction");
        }
        checkReferenceBlock(state, raw);
        ByteString owner = ownerOf(raw.getContract(0));
        if (tx.getSignatureCount() != 1) {
            throw new TransactionRejectedException(response_code.SIGERROR,
                    "expected one signature (no multi-signature permissions on the devnet), got " + tx.getSignatureCount());
        }
        Optional<ByteString> signer = SignerRecovery.signerOf(txid.toByteArray(), tx.getSignature(0));
        if (signer.isEmpty() || !signer.get().equals(owner)) {
            throw new TransactionRejectedException(response_code.SIGERROR,
                    "signature is not by the owner " + Addresses.toBase58(owner)
                            + signer.map(s -> " but by " + Addresses.toBase58(s)).orElse(" (unrecoverable)"));
        }
        return owner;
    }

    private static void checkReferenceBlock(ChainState state, Chain.Transaction.raw raw) throws TransactionRejectedException {
        long latest = state.latestBlock().getBlockHeader().getRawData().getNumber();
        for (long n = latest; n >= 0 && n > latest - TAPOS_WINDOW; n--) {
            if (BlockIds.refBlockBytes(n).equals(raw.getRefBlockBytes())) {
                ByteString id = BlockIds.idOf(state.block(n).orElseThrow().getBlockHeader());
                if (BlockIds.refBlockHash(id).equals(raw.getRefBlockHash())) {
                    return;
                }
                break;
            }
        }
        throw new TransactionRejectedException(response_code.TAPOS_ERROR,
                "reference block does not match any of the latest blocks; build the transaction against a current block");
    }

    static ByteString ownerOf(Chain.Transaction.Contract contract) throws TransactionRejectedException {
        try {
            ByteString owner = switch (contract.getType()) {
                case TransferContract -> contract.getParameter().unpack(Contract.TransferContract.class).getOwnerAddress();
                case TransferAssetContract -> contract.getParameter().unpack(Contract.TransferAssetContract.class).getOwnerAddress();
                case TriggerSmartContract -> contract.getParameter().unpack(Contract.TriggerSmartContract.class).getOwnerAddress();
                default -> throw new TransactionRejectedException(response_code.CONTRACT_VALIDATE_ERROR,
                        "the devnet executes TransferContract, TransferAssetContract and TriggerSmartContract, not "
                                + contract.getType());
            };
            if (!Addresses.isTron(owner)) {
                throw new TransactionRejectedException(response_code.CONTRACT_VALIDATE_ERROR, "invalid owner address");
            }
            return owner;
        } catch (InvalidProtocolBufferException e) {
            throw new TransactionRejectedException(response_code.CONTRACT_VALIDATE_ERROR,
                    "contract parameter does not match its type " + contract.getType() + ": " + e.getMessage());
        }
    }
}
