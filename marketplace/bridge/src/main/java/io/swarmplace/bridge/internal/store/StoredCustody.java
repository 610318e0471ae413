package io.swarmplace.bridge.internal.store;

/** The wallet address the bridge keeps the ledger's BTT at. */
public record StoredCustody(String address) {
}
