package io.swarmplace.ledger.internal.engine;

import static io.swarmplace.ledger.TransferResult.*;

import io.swarmplace.ledger.Account;
import io.swarmplace.ledger.AccountFlag;
import io.swarmplace.ledger.Amounts;
import io.swarmplace.ledger.CreateAccountResult;
import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.PendingStatus;
import io.swarmplace.ledger.Transfer;
import io.swarmplace.ledger.TransferFlag;
import io.swarmplace.ledger.TransferResult;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ledger's rules, applied in memory to what a batch loaded (TigerBeetle's semantics). Pure and
 * single-threaded: the writer owns it and persists {@link BatchEffects} afterwards.
 */
final class LedgerStateMachine {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final LedgerClock clock;

    LedgerStateMachine(LedgerClock clock) {
        this.clock = clock;
    }

    List<CreateAccountResult> createAccounts(List<Account> requests, BatchEffects effects) {
        List<CreateAccountResult> results = new ArrayList<>(requests.size());
        for (Account request : requests) {
            results.add(createAccount(request, effects));
        }
        return results;
    }

    private CreateAccountResult createAccount(Account request, BatchEffects effects) {
        if (request.timestamp() != 0) {
            return CreateAccountResult.TIMESTAMP_MUST_BE_ZERO;
        }
        if (request.id().isZero()) {
            return CreateAccountResult.ID_MUST_NOT_BE_ZERO;
        }
        if (request.flags().contains(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS)
                && request.flags().contains(AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS)) {
            return CreateAccountResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE;
        }
        AccountState existing = effects.accounts.get(request.id());
        if (existing != null) {
            return existing.account.sameFieldsAs(request) ? CreateAccountResult.EXISTS
                    : CreateAccountResult.EXISTS_WITH_DIFFERENT_FIELDS;
        }
        Account account = new Account(request.id(), request.asset(), request.role(), request.flags(), clock.next());
        AccountState state = AccountState.fresh(account);
        state.created = true;
        effects.accounts.put(account.id(), state);
        effects.createdAccounts.add(state);
        return CreateAccountResult.OK;
    }

    /** Applies transfers in order; a linked chain succeeds or fails as a whole. */
    List<TransferResult> createTransfers(List<Transfer> requests, BatchEffects effects) {
        TransferResult[] results = new TransferResult[requests.size()];
        int start = 0;
        while (start < requests.size()) {
            int end = start;
            while (end < requests.size() - 1 && requests.get(end).has(TransferFlag.LINKED)) {
                end++;
            }
            applyChain(requests, start, end, effects, results);
            start = end + 1;
        }
        return Arrays.asList(results);
    }

    /**
     * A chain (one transfer, or linked transfers up to the first without LINKED) is applied in order and
     * stops at its first failure, which undoes the chain: that transfer keeps its own result, the others
     * answer LINKED_EVENT_FAILED. A chain whose transfers all exist unchanged is a retry and answers
     * EXISTS throughout.
     */
    private void applyChain(List<Transfer> requests, int start, int end, BatchEffects effects, TransferResult[] results) {
        effects.beginChain();
        if (start < end && isRetry(requests, start, end, effects)) {
            Arrays.fill(results, start, end + 1, EXISTS);
            return;
        }
        boolean neverEnds = requests.get(end).has(TransferFlag.LINKED);
        for (int i = start; i <= end; i++) {
            results[i] = neverEnds && i == end ? LINKED_EVENT_CHAIN_OPEN : apply(requests.get(i), effects);
            if (results[i] != OK && start < end) {
                effects.undoChain();
                for (int other = start; other <= end; other++) {
                    if (other != i) {
                        results[other] = LINKED_EVENT_FAILED;
                    }
                }
                return;
            }
        }
    }

    private static boolean isRetry(List<Transfer> requests, int start, int end, BatchEffects effects) {
        for (int i = start; i <= end; i++) {
            Transfer request = requests.get(i);
            Transfer stored = effects.transfers.get(request.id());
            if (request.timestamp() != 0 || stored == null || !matches(stored, request)) {
                return false;
            }
        }
        return true;
    }

    TransferResult apply(Transfer t, BatchEffects effects) {
        if (t.timestamp() != 0) {
            return TIMESTAMP_MUST_BE_ZERO;
        }
        if (t.id().isZero()) {
            return ID_MUST_NOT_BE_ZERO;
        }
        Transfer existing = effects.transfers.get(t.id());
        if (existing != null) {
            return matches(existing, t) ? EXISTS : EXISTS_WITH_DIFFERENT_FIELDS;
        }
        int phases = (t.has(TransferFlag.PENDING) ? 1 : 0) + (t.has(TransferFlag.POST_PENDING) ? 1 : 0)
                + (t.has(TransferFlag.VOID_PENDING) ? 1 : 0);
        if (phases > 1) {
            return FLAGS_ARE_MUTUALLY_EXCLUSIVE;
        }
        return t.has(TransferFlag.POST_PENDING) || t.has(TransferFlag.VOID_PENDING) ? resolve(t, effects) : move(t, effects);
    }

    /** A retry matches if the client's fields are the same; a post or void may leave out what it took from the pending transfer. */
    private static boolean matches(Transfer stored, Transfer retry) {
        if (retry.has(TransferFlag.POST_PENDING) || retry.has(TransferFlag.VOID_PENDING)) {
            return stored.flags().equals(retry.flags()) && stored.pendingId().equals(retry.pendingId())
                    && (retry.debitAccountId().isZero() || retry.debitAccountId().equals(stored.debitAccountId()))
                    && (retry.creditAccountId().isZero() || retry.creditAccountId().equals(stored.creditAccountId()))
                    && (retry.asset() == null || retry.asset() == stored.asset())
                    && (retry.amount().signum() == 0 || retry.amount().equals(stored.amount()))
                    && stored.code() == retry.code() && stored.timeoutSeconds() == retry.timeoutSeconds();
        }
        return stored.sameFieldsAs(retry);
    }

    private TransferResult move(Transfer t, BatchEffects effects) {
        if (!t.pendingId().isZero()) {
            return PENDING_ID_MUST_BE_ZERO;
        }
        boolean pending = t.has(TransferFlag.PENDING);
        if (t.timeoutSeconds() != 0 && !pending) {
            return TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
        }
        if (t.debitAccountId().isZero()) {
            return DEBIT_ACCOUNT_ID_MUST_NOT_BE_ZERO;
        }
        if (t.creditAccountId().isZero()) {
            return CREDIT_ACCOUNT_ID_MUST_NOT_BE_ZERO;
        }
        if (t.debitAccountId().equals(t.creditAccountId())) {
            return ACCOUNTS_MUST_BE_DIFFERENT;
        }
        if (t.asset() == null) {
            return ASSET_MUST_NOT_BE_MISSING;
        }
        if (t.amount().signum() == 0) {
            return AMOUNT_MUST_NOT_BE_ZERO;
        }
        AccountState debit = effects.accounts.get(t.debitAccountId());
        if (debit == null) {
            return DEBIT_ACCOUNT_NOT_FOUND;
        }
        AccountState credit = effects.accounts.get(t.creditAccountId());
        if (credit == null) {
            return CREDIT_ACCOUNT_NOT_FOUND;
        }
        if (debit.account.asset() != credit.account.asset()) {
            return ACCOUNTS_MUST_HAVE_SAME_ASSET;
        }
        if (t.asset() != debit.account.asset()) {
            return TRANSFER_MUST_HAVE_SAME_ASSET_AS_ACCOUNTS;
        }
        long now = clock.peek();
        if (pending && t.timeoutSeconds() > (Long.MAX_VALUE - now) / NANOS_PER_SECOND) {
            return OVERFLOWS_TIMEOUT;
        }
        BigInteger amount = t.amount();
        BigInteger debits = debit.debitsPending.add(debit.debitsPosted).add(amount);
        if (debits.compareTo(Amounts.MAX) > 0) {
            return OVERFLOWS_DEBITS;
        }
        BigInteger credits = credit.creditsPending.add(credit.creditsPosted).add(amount);
        if (credits.compareTo(Amounts.MAX) > 0) {
            return OVERFLOWS_CREDITS;
        }
        if (debit.limits(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS) && debits.compareTo(debit.creditsPosted) > 0) {
            return EXCEEDS_CREDITS;
        }
        if (credit.limits(AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS) && credits.compareTo(credit.debitsPosted) > 0) {
            return EXCEEDS_DEBITS;
        }
        effects.touch(debit);
        effects.touch(credit);
        Transfer applied = stamped(t, clock.next());
        if (pending) {
            debit.debitsPending = debit.debitsPending.add(amount);
            credit.creditsPending = credit.creditsPending.add(amount);
            long expiresAt = t.timeoutSeconds() == 0 ? 0 : applied.timestamp() + t.timeoutSeconds() * NANOS_PER_SECOND;
            effects.addPending(new PendingState(applied, expiresAt, PendingStatus.PENDING, null));
        } else {
            debit.debitsPosted = debit.debitsPosted.add(amount);
            credit.creditsPosted = credit.creditsPosted.add(amount);
        }
        effects.record(applied);
        return OK;
    }

    private TransferResult resolve(Transfer t, BatchEffects effects) {
        boolean post = t.has(TransferFlag.POST_PENDING);
        if (t.pendingId().isZero()) {
            return PENDING_ID_MUST_NOT_BE_ZERO;
        }
        if (t.pendingId().equals(t.id())) {
            return PENDING_ID_MUST_BE_DIFFERENT;
        }
        if (t.timeoutSeconds() != 0) {
            return TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
        }
        Transfer original = effects.transfers.get(t.pendingId());
        if (original == null) {
            return PENDING_TRANSFER_NOT_FOUND;
        }
        PendingState pending = effects.pendings.get(t.pendingId());
        if (!original.has(TransferFlag.PENDING) || pending == null) {
            return PENDING_TRANSFER_NOT_PENDING;
        }
        if (!t.debitAccountId().isZero() && !t.debitAccountId().equals(original.debitAccountId())) {
            return PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT_ID;
        }
        if (!t.creditAccountId().isZero() && !t.creditAccountId().equals(original.creditAccountId())) {
            return PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT_ID;
        }
        if (t.asset() != null && t.asset() != original.asset()) {
            return PENDING_TRANSFER_HAS_DIFFERENT_ASSET;
        }
        BigInteger reserved = original.amount();
        BigInteger amount = t.amount().signum() == 0 ? reserved : t.amount();
        if (post && amount.compareTo(reserved) > 0) {
            return EXCEEDS_PENDING_TRANSFER_AMOUNT;
        }
        if (!post && !amount.equals(reserved)) {
            return PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT;
        }
        switch (pending.status) {
            case POSTED:
                return PENDING_TRANSFER_ALREADY_POSTED;
            case VOIDED:
                return PENDING_TRANSFER_ALREADY_VOIDED;
            case EXPIRED:
                return PENDING_TRANSFER_EXPIRED;
            default:
                break;
        }
        if (pending.expiredAt(clock.peek())) {
            return PENDING_TRANSFER_EXPIRED;
        }
        AccountState debit = effects.accounts.get(original.debitAccountId());
        AccountState credit = effects.accounts.get(original.creditAccountId());
        effects.touch(debit);
        effects.touch(credit);
        debit.debitsPending = debit.debitsPending.subtract(reserved);
        credit.creditsPending = credit.creditsPending.subtract(reserved);
        if (post) {
            debit.debitsPosted = debit.debitsPosted.add(amount);
            credit.creditsPosted = credit.creditsPosted.add(amount);
        }
        effects.resolve(pending, post ? PendingStatus.POSTED : PendingStatus.VOIDED, t.id());
        effects.record(new Transfer(t.id(), original.debitAccountId(), original.creditAccountId(), amount,
                t.pendingId(), original.asset(), 0, t.flags(), t.code(), clock.next()));
        return OK;
    }

    /** Releases a pending transfer whose timeout passed. */
    void expire(PendingState pending, BatchEffects effects) {
        Transfer original = pending.transfer;
        AccountState debit = effects.accounts.get(original.debitAccountId());
        AccountState credit = effects.accounts.get(original.creditAccountId());
        effects.beginChain();
        effects.touch(debit);
        effects.touch(credit);
        debit.debitsPending = debit.debitsPending.subtract(original.amount());
        credit.creditsPending = credit.creditsPending.subtract(original.amount());
        effects.resolve(pending, PendingStatus.EXPIRED, null);
    }

    private static Transfer stamped(Transfer t, long timestamp) {
        return new Transfer(t.id(), t.debitAccountId(), t.creditAccountId(), t.amount(), t.pendingId(), t.asset(),
                t.timeoutSeconds(), t.flags(), t.code(), timestamp);
    }
}
