package io.swarmplace.ledger;

/** The outcome of creating one account, modelled on TigerBeetle's CreateAccountResult. */
public enum CreateAccountResult {
    OK("created"),
    EXISTS("already exists with the same fields; nothing changed"),
    EXISTS_WITH_DIFFERENT_FIELDS("an account with this id exists with a different asset, role or flags"),
    ID_MUST_NOT_BE_ZERO("the id must not be zero"),
    TIMESTAMP_MUST_BE_ZERO("the timestamp is the ledger's to set; send 0"),
    FLAGS_ARE_MUTUALLY_EXCLUSIVE("an account cannot limit both its debits and its credits");

    private final String description;

    CreateAccountResult(String description) {
        this.description = description;
    }

    public boolean applied() {
        return this == OK || this == EXISTS;
    }

    public String description() {
        return description;
    }
}
