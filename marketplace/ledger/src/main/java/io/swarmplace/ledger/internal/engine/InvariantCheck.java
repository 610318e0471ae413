package io.swarmplace.ledger.internal.engine;

import io.swarmplace.ledger.AccountFlag;
import io.swarmplace.ledger.AccountRole;
import io.swarmplace.ledger.Asset;
import io.swarmplace.ledger.InvariantReport;
import io.swarmplace.ledger.PendingStatus;
import io.swarmplace.ledger.TransferFlag;
import io.swarmplace.ledger.internal.store.AccountEntity;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.hibernate.StatelessSession;

/**
 * Recomputes every balance from the immutable transfers and compares: the stored running totals must be
 * exactly what the transfers say, debits must equal credits per asset, every pending transfer must have
 * one state row and every resolved one exactly one post or void, and no limited account may exceed its
 * limit.
 */
final class InvariantCheck {

    private static final int PHASE_BITS = TransferFlag.PENDING.bit() | TransferFlag.POST_PENDING.bit()
            | TransferFlag.VOID_PENDING.bit();
    private static final int ALL_BITS = PHASE_BITS | TransferFlag.LINKED.bit();

    private InvariantCheck() {}

    static InvariantReport run(StatelessSession session) {
        List<String> violations = new ArrayList<>();
        Map<UUID, BigInteger[]> fromTransfers = new HashMap<>();
        sumInto(fromTransfers, session, "select t.debitAccountId, sum(t.amount) from TransferEntity t"
                + " where t.flags in :flags group by t.debitAccountId", withoutBits(TransferFlag.PENDING.bit() | TransferFlag.VOID_PENDING.bit()), 1);
        sumInto(fromTransfers, session, "select t.creditAccountId, sum(t.amount) from TransferEntity t"
                + " where t.flags in :flags group by t.creditAccountId", withoutBits(TransferFlag.PENDING.bit() | TransferFlag.VOID_PENDING.bit()), 3);
        sumOpenPendingInto(fromTransfers, session, "debitAccountId", 0);
        sumOpenPendingInto(fromTransfers, session, "creditAccountId", 2);

        Map<Asset, BigInteger[]> perAsset = new EnumMap<>(Asset.class);
        Map<Asset, BigInteger> liabilities = new EnumMap<>(Asset.class);
        long accounts = 0;
        for (AccountEntity row : session.createSelectionQuery("from AccountEntity", AccountEntity.class).getResultList()) {
            accounts++;
            BigInteger[] stored = {row.debitsPending, row.debitsPosted, row.creditsPending, row.creditsPosted};
            BigInteger[] expected = fromTransfers.getOrDefault(row.id, zeros());
            String[] names = {"debits pending", "debits posted", "credits pending", "credits posted"};
            for (int i = 0; i < 4; i++) {
                if (!stored[i].equals(expected[i])) {
                    violations.add("account " + row.id + ": " + names[i] + " stored as " + stored[i]
                            + " but its transfers sum to " + expected[i]);
                }
            }
            BigInteger[] sums = perAsset.computeIfAbsent(row.asset, a -> zeros());
            for (int i = 0; i < 4; i++) {
                sums[i] = sums[i].add(stored[i]);
            }
            if ((row.flags & AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS.bit()) != 0
                    && row.debitsPending.add(row.debitsPosted).compareTo(row.creditsPosted) > 0) {
                violations.add("account " + row.id + " spent more than it holds");
            }
            if ((row.flags & AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS.bit()) != 0
                    && row.creditsPending.add(row.creditsPosted).compareTo(row.debitsPosted) > 0) {
                violations.add("account " + row.id + " received more than its debits allow");
            }
            if (row.role != AccountRole.CUSTODY) {
                liabilities.merge(row.asset, row.creditsPosted.subtract(row.debitsPosted), BigInteger::add);
            }
        }
        perAsset.forEach((asset, sums) -> {
            if (!sums[0].equals(sums[2])) {
                violations.add(asset + ": pending debits " + sums[0] + " differ from pending credits " + sums[2]);
            }
            if (!sums[1].equals(sums[3])) {
                violations.add(asset + ": posted debits " + sums[1] + " differ from posted credits " + sums[3]);
            }
        });

        long pendingTransfers = count(session, "select count(*) from TransferEntity t where t.flags in :flags",
                withBits(TransferFlag.PENDING.bit()));
        long pendingRows = session.createSelectionQuery("select count(*) from PendingEntity", Long.class).getSingleResult();
        if (pendingTransfers != pendingRows) {
            violations.add(pendingTransfers + " pending transfers but " + pendingRows + " pending states");
        }
        long resolutions = count(session, "select count(*) from TransferEntity t where t.flags in :flags",
                withAnyOf(TransferFlag.POST_PENDING.bit() | TransferFlag.VOID_PENDING.bit()));
        long resolved = session.createSelectionQuery("select count(*) from PendingEntity where status in :resolved", Long.class)
                .setParameter("resolved", List.of(PendingStatus.POSTED, PendingStatus.VOIDED)).getSingleResult();
        if (resolutions != resolved) {
            violations.add(resolutions + " posts and voids but " + resolved + " pending transfers resolved by one");
        }
        long transfers = session.createSelectionQuery("select count(*) from TransferEntity", Long.class).getSingleResult();
        return new InvariantReport(accounts, transfers, liabilities, violations);
    }

    private static BigInteger[] zeros() {
        return new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO};
    }

    private static void sumInto(Map<UUID, BigInteger[]> sums, StatelessSession session, String hql, List<Integer> flags, int slot) {
        for (Object[] row : session.createSelectionQuery(hql, Object[].class).setParameter("flags", flags).getResultList()) {
            sums.computeIfAbsent((UUID) row[0], id -> zeros())[slot] = (BigInteger) row[1];
        }
    }

    private static void sumOpenPendingInto(Map<UUID, BigInteger[]> sums, StatelessSession session, String side, int slot) {
        String hql = "select t." + side + ", sum(t.amount) from TransferEntity t, PendingEntity p"
                + " where p.id = t.id and p.status = :pending group by t." + side;
        for (Object[] row : session.createSelectionQuery(hql, Object[].class)
                .setParameter("pending", PendingStatus.PENDING).getResultList()) {
            sums.computeIfAbsent((UUID) row[0], id -> zeros())[slot] = (BigInteger) row[1];
        }
    }

    private static long count(StatelessSession session, String hql, List<Integer> flags) {
        return session.createSelectionQuery(hql, Long.class).setParameter("flags", flags).getSingleResult();
    }

    /** Every stored flag set that has none of {@code bits} (HQL has no portable bitwise and). */
    private static List<Integer> withoutBits(int bits) {
        return IntStream.rangeClosed(0, ALL_BITS).filter(f -> (f & bits) == 0).boxed().toList();
    }

    private static List<Integer> withBits(int bits) {
        return IntStream.rangeClosed(0, ALL_BITS).filter(f -> (f & bits) == bits).boxed().toList();
    }

    private static List<Integer> withAnyOf(int bits) {
        return IntStream.rangeClosed(0, ALL_BITS).filter(f -> (f & bits) != 0).boxed().toList();
    }
}
