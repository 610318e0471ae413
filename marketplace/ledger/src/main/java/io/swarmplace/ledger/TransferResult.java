package io.swarmplace.ledger;

/**
 * The outcome of one transfer in a batch, modelled on TigerBeetle's CreateTransferResult. Only
 * {@link #OK} moved money; {@link #EXISTS} means an earlier submission of the same id did.
 */
public enum TransferResult {
    OK("applied"),
    EXISTS("already applied with the same fields; nothing moved this time"),
    EXISTS_WITH_DIFFERENT_FIELDS("a transfer with this id exists with different fields; choose a new id"),
    LINKED_EVENT_FAILED("another transfer of its linked chain failed, so none of the chain was applied"),
    LINKED_EVENT_CHAIN_OPEN("the last transfer of the batch is flagged LINKED: the chain never ends"),
    ID_MUST_NOT_BE_ZERO("the id must not be zero"),
    TIMESTAMP_MUST_BE_ZERO("the timestamp is the ledger's to set; send 0"),
    FLAGS_ARE_MUTUALLY_EXCLUSIVE("PENDING, POST_PENDING and VOID_PENDING exclude each other"),
    DEBIT_ACCOUNT_ID_MUST_NOT_BE_ZERO("the debit account is missing"),
    CREDIT_ACCOUNT_ID_MUST_NOT_BE_ZERO("the credit account is missing"),
    ACCOUNTS_MUST_BE_DIFFERENT("the debit and credit accounts are the same"),
    ASSET_MUST_NOT_BE_MISSING("the asset is missing"),
    PENDING_ID_MUST_BE_ZERO("only a post or void names a pending transfer"),
    PENDING_ID_MUST_NOT_BE_ZERO("a post or void must name the pending transfer"),
    PENDING_ID_MUST_BE_DIFFERENT("a transfer cannot resolve itself"),
    TIMEOUT_RESERVED_FOR_PENDING_TRANSFER("only a pending transfer has a timeout"),
    AMOUNT_MUST_NOT_BE_ZERO("the amount must be at least 1 base unit"),
    DEBIT_ACCOUNT_NOT_FOUND("the debit account does not exist"),
    CREDIT_ACCOUNT_NOT_FOUND("the credit account does not exist"),
    ACCOUNTS_MUST_HAVE_SAME_ASSET("the accounts hold different assets"),
    TRANSFER_MUST_HAVE_SAME_ASSET_AS_ACCOUNTS("the transfer's asset is not the accounts' asset"),
    PENDING_TRANSFER_NOT_FOUND("no transfer has the given pending id"),
    PENDING_TRANSFER_NOT_PENDING("the transfer named by the pending id is not a pending transfer"),
    PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT_ID("the debit account differs from the pending transfer's"),
    PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT_ID("the credit account differs from the pending transfer's"),
    PENDING_TRANSFER_HAS_DIFFERENT_ASSET("the asset differs from the pending transfer's"),
    PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT("a void must release the full pending amount (or give 0)"),
    EXCEEDS_PENDING_TRANSFER_AMOUNT("the post is larger than the pending amount"),
    PENDING_TRANSFER_ALREADY_POSTED("the pending transfer was already posted"),
    PENDING_TRANSFER_ALREADY_VOIDED("the pending transfer was already voided"),
    PENDING_TRANSFER_EXPIRED("the pending transfer expired and its amount was released"),
    OVERFLOWS_DEBITS("the debit account's debits would exceed 2^128-1"),
    OVERFLOWS_CREDITS("the credit account's credits would exceed 2^128-1"),
    OVERFLOWS_TIMEOUT("the timeout is too far in the future"),
    EXCEEDS_CREDITS("the debit account does not have enough funds (its debits would exceed its credits)"),
    EXCEEDS_DEBITS("the credit account's credits would exceed its debits");

    private final String description;

    TransferResult(String description) {
        this.description = description;
    }

    /** True if the transfer is in the ledger now (applied by this or an earlier submission). */
    public boolean applied() {
        return this == OK || this == EXISTS;
    }

    /** What happened, in words a user can act on. */
    public String description() {
        return description;
    }
}
