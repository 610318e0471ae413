package io.swarmplace.wallet;

import java.time.Instant;

/**
 * A transfer the wallet sent or received.
 *
 * @param txid        TRON transaction id (64 hex digits), known as soon as the transaction is signed
 * @param reference   the sender's reference (empty for incoming transfers)
 * @param from        sender
 * @param to          receiver
 * @param amount      what moved
 * @param status      where it stands
 * @param blockNumber the block holding it, 0 until known
 * @param time        when it was signed (outgoing) or seen (incoming)
 * @param failure     why it failed, empty otherwise
 */
public record Transfer(String txid, String reference, TronAddress from, TronAddress to, TokenAmount amount,
                       TransferStatus status, long blockNumber, Instant time, String failure) {

    public Transfer withStatus(TransferStatus newStatus, long block, String why) {
        return new Transfer(txid, reference, from, to, amount, newStatus, block, time, why);
    }
}
