/**
 * The ledger hub: one {@link io.swarmplace.ledger.Ledger} served to nodes on other machines. Every request
 * is signed with the account owner's ed25519 key and carries a strictly increasing sequence and a
 * timestamp; a key moves and reads only the accounts it opened through the hub. {@link HubError} names
 * every way a request is refused.
 */
@Export
@Version("1.0.0")
package io.swarmplace.ledger.hub;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
