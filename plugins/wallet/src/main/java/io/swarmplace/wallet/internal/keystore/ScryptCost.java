package io.swarmplace.wallet.internal.keystore;

/**
 * How hard scrypt works when a keystore is written. STANDARD is what TRON and Ethereum wallets write
 * by default (about 256 MiB and a second per unlock); LIGHT is their faster variant for small devices.
 */
public enum ScryptCost {
    STANDARD(1 << 18, 8, 1),
    LIGHT(1 << 12, 8, 6);

    final int n;
    final int r;
    final int p;

    ScryptCost(int n, int r, int p) {
        this.n = n;
        this.r = r;
        this.p = p;
    }
}
