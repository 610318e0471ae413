package io.swarmplace.wallet;

/**
 * The passphrase does not open the keystore. A corrupted keystore looks the same by design: the MAC
 * check cannot tell a wrong passphrase from changed bytes, and must not try to.
 */
public class WrongPassphraseException extends WalletException {

    private static final long serialVersionUID = 1L;

    public WrongPassphraseException(String message) {
        super(message);
    }
}
