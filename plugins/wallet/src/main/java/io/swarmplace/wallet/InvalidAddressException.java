package io.swarmplace.wallet;

/** Not a TRON address: wrong alphabet, length, prefix or checksum. */
public class InvalidAddressException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidAddressException(String message) {
        super(message);
    }
}
