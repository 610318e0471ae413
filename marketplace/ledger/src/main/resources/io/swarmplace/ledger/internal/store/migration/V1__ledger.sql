-- The ledger's tables. Amounts and balances are unsigned 128-bit integers: NUMERIC(39,0) holds them
-- exactly in both H2 and PostgreSQL. Timestamps are the ledger's, in nanoseconds since the epoch.
CREATE TABLE ledger_account (
    id               UUID           NOT NULL PRIMARY KEY,
    asset            VARCHAR(16)    NOT NULL,
    role             VARCHAR(16)    NOT NULL,
    flags            INTEGER        NOT NULL,
    debits_pending   NUMERIC(39, 0) NOT NULL,
    debits_posted    NUMERIC(39, 0) NOT NULL,
    credits_pending  NUMERIC(39, 0) NOT NULL,
    credits_posted   NUMERIC(39, 0) NOT NULL,
    created_at       BIGINT         NOT NULL UNIQUE
);

-- Transfers are written once and never changed. No foreign keys: the single writer checks every account
-- before it writes (and Ledger.verify checks after); on PostgreSQL each key check would lock the account
-- rows and cost about a third of the write throughput.
CREATE TABLE ledger_transfer (
    id                 UUID           NOT NULL PRIMARY KEY,
    debit_account_id   UUID           NOT NULL,
    credit_account_id  UUID           NOT NULL,
    amount             NUMERIC(39, 0) NOT NULL,
    pending_id         UUID,
    asset              VARCHAR(16)    NOT NULL,
    timeout_seconds    BIGINT         NOT NULL,
    flags              INTEGER        NOT NULL,
    code               INTEGER        NOT NULL,
    applied_at         BIGINT         NOT NULL
);
CREATE INDEX ledger_transfer_debit ON ledger_transfer (debit_account_id, applied_at);
CREATE INDEX ledger_transfer_credit ON ledger_transfer (credit_account_id, applied_at);

-- Where each pending transfer stands; it leaves PENDING at most once.
CREATE TABLE ledger_pending (
    id           UUID        NOT NULL PRIMARY KEY,
    status       VARCHAR(16) NOT NULL,
    expires_at   BIGINT      NOT NULL,
    resolved_by  UUID
);
CREATE INDEX ledger_pending_due ON ledger_pending (status, expires_at);
