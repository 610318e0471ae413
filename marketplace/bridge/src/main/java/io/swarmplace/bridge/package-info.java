/**
 * The bridge between TRON and the ledger: the only place where BTT crosses between the chain and the
 * off-chain ledger.
 *
 * <ul>
 * <li>Deposits arrive at a per-user deposit address held by the node's wallet; once the chain has
 * solidified one, the user's ledger account is credited (custody → user) with the transfer id
 * {@code Id128.derive("deposit", txid)}, so a transaction seen twice is credited once. BTT sent straight to
 * the custody address, which names no user, waits in a suspense account.</li>
 * <li>Withdrawals reserve the user's funds (a pending transfer user → custody whose id comes from the
 * client's request id), send through the wallet with that id as the wallet reference (signed and stored
 * before broadcast), and are posted when the chain confirms or voided when the transaction fails.</li>
 * <li>{@link io.swarmplace.bridge.ChainReconciliation} compares the ledger's liabilities with what the
 * bridge's addresses hold on-chain; {@link io.swarmplace.bridge.ReserveProofs} publishes and checks a
 * Merkle root over every balance.</li>
 * </ul>
 */
@Export
@Version("1.0.0")
package io.swarmplace.bridge;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
