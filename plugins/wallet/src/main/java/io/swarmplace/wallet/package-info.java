/**
 * The node's TRON wallet as other bundles see it. Private keys never cross this API.
 *
 * <ul>
 * <li>{@link io.swarmplace.wallet.Wallet}: accounts, balances, fee estimate, send, confirmation, history.</li>
 * <li>{@link io.swarmplace.wallet.IncomingTransferListener}: a whiteboard service told of every confirmed
 * transfer into one of the wallet's accounts (the ledger credits deposits from it).</li>
 * <li>Values: {@link io.swarmplace.wallet.TronAddress}, {@link io.swarmplace.wallet.Token},
 * {@link io.swarmplace.wallet.TokenAmount} (exact base units), {@link io.swarmplace.wallet.Balances},
 * {@link io.swarmplace.wallet.TransferRequest}, {@link io.swarmplace.wallet.Transfer},
 * {@link io.swarmplace.wallet.FeeEstimate}.</li>
 * </ul>
 *
 * <p>A transfer goes SIGNED (stored before broadcast) → PENDING (accepted) → CONFIRMED (solidified) or
 * FAILED. Its {@code reference} is the caller's idempotency key: a retry with the same reference never
 * signs a second transaction. A send is refused before signing when the account's TRX cannot pay its fee
 * ({@link io.swarmplace.wallet.InsufficientFeeException}, since 1.2), counting the creation of the
 * recipient's account where a transfer creates it ({@link io.swarmplace.wallet.FeeEstimate#createsAccount},
 * since 1.3).
 */
@Export
@Version("1.3.0")
package io.swarmplace.wallet;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
