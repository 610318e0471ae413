package io.swarmplace.wallet.internal.keystore;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The version 3 keystore file shared by TRON and Ethereum wallets (Web3 Secret Storage): the private
 * key encrypted with AES-128-CTR under a key derived from the passphrase by scrypt (or PBKDF2), and a
 * Keccak-256 MAC that tells a wrong passphrase before any key is used.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
record KeystoreJson(
        @JsonProperty("address") String address,
        @JsonProperty("crypto") @JsonAlias("Crypto") Crypto crypto,
        @JsonProperty("id") String id,
        @JsonProperty("version") int version) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Crypto(
            @JsonProperty("cipher") String cipher,
            @JsonProperty("ciphertext") String ciphertext,
            @JsonProperty("cipherparams") CipherParams cipherparams,
            @JsonProperty("kdf") String kdf,
            @JsonProperty("kdfparams") KdfParams kdfparams,
            @JsonProperty("mac") String mac) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CipherParams(@JsonProperty("iv") String iv) {}

    /** scrypt uses n, r, p; PBKDF2 uses c and prf; both use dklen and salt. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record KdfParams(
            @JsonProperty("dklen") int dklen,
            @JsonProperty("salt") String salt,
            @JsonProperty("n") Integer n,
            @JsonProperty("r") Integer r,
            @JsonProperty("p") Integer p,
            @JsonProperty("c") Integer c,
            @JsonProperty("prf") String prf) {}
}
