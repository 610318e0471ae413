package io.swarmplace.wallet.internal.shell;

import io.swarmplace.wallet.WalletException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a command gets a secret: a file, the command itself, or the node's environment. */
final class Passphrases {

    static final String ENVIRONMENT = "SWARMPLACE_WALLET_PASSPHRASE";

    private Passphrases() {}

    static char[] read(String file, String given) throws WalletException {
        return secret("passphrase", file, given, ENVIRONMENT);
    }

    static char[] secret(String what, String file, String given, String environment) throws WalletException {
        if (!file.isEmpty()) {
            try {
                // the first line: a trailing newline from an editor or echo is not part of the secret
                String content = Files.readString(Path.of(file), StandardCharsets.UTF_8);
                int end = content.indexOf('\n');
                return (end < 0 ? content : content.substring(0, end)).replace("\r", "").toCharArray();
            } catch (IOException e) {
                throw new WalletException("cannot read the " + what + " from " + file + ": " + e.getMessage(), e);
            }
        }
        if (!given.isEmpty()) {
            return given.toCharArray();
        }
        String fromEnvironment = environment == null ? null : System.getenv(environment);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        throw new WalletException("a " + what + " is needed: give --" + (what.equals("passphrase") ? "passphrase" : "key")
                + "-file FILE" + (environment == null ? "" : " or set $" + environment));
    }
}
