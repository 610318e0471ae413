/**
 * The off-chain BTT ledger, modelled on TigerBeetle: accounts per asset with balance limits, immutable
 * transfers with client-chosen 128-bit ids (a retried id answers {@link io.swarmplace.ledger.TransferResult#EXISTS}
 * and moves nothing), two-phase transfers (pending, post in full or in part, void, expiry by timeout),
 * linked chains that succeed or fail together, and a check of the ledger's invariants.
 * Amounts are exact integers in the asset's base units.
 */
@Export
@Version("1.2.0")
package io.swarmplace.ledger;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
