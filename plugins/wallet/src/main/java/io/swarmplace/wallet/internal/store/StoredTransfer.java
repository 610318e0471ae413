package io.swarmplace.wallet.internal.store;

import io.swarmplace.wallet.Token;
import io.swarmplace.wallet.TokenAmount;
import io.swarmplace.wallet.Transfer;
import io.swarmplace.wallet.TransferStatus;
import io.swarmplace.wallet.TronAddress;
import java.math.BigInteger;
import java.time.Instant;

/**
 * One transfer as it is kept on disk: the public record plus, for outgoing transfers, the signed
 * transaction (hex of its protobuf bytes) so that a retry broadcasts exactly it.
 */
public record StoredTransfer(String txid, String reference, String from, String to, String token, String units,
                             TransferStatus status, long blockNumber, String time, String failure,
                             String signedTransaction) {

    public static StoredTransfer of(Transfer transfer, String signedTransaction) {
        return new StoredTransfer(transfer.txid(), transfer.reference(), transfer.from().base58(), transfer.to().base58(),
                transfer.amount().token().name(), transfer.amount().units().toString(), transfer.status(),
                transfer.blockNumber(), transfer.time().toString(), transfer.failure(), signedTransaction);
    }

    public Transfer transfer() {
        return new Transfer(txid, reference, TronAddress.parse(from), TronAddress.parse(to),
                TokenAmount.ofUnits(Token.valueOf(token), new BigInteger(units)), status, blockNumber, Instant.parse(time),
                failure);
    }

    public StoredTransfer with(Transfer updated) {
        return of(updated, signedTransaction);
    }

    public boolean outgoing() {
        return !signedTransaction.isEmpty();
    }
}
