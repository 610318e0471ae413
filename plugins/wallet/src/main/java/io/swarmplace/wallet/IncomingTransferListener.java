package io.swarmplace.wallet;

/**
 * Register a service of this type (whiteboard) to hear of transfers into this wallet's accounts. Each
 * is announced once it is CONFIRMED (solidified), in block order, on the wallet's watch thread: do not
 * block. After a restart the watch resumes from the last block it scanned, so a listener that records
 * transfers should treat the txid as the key (the same transfer may be announced again after a crash).
 */
@FunctionalInterface
public interface IncomingTransferListener {

    void incoming(Transfer transfer);
}
