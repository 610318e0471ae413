package io.swarmplace.bridge.internal.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swarmplace.bridge.Bridge;
import io.swarmplace.bridge.BridgeException;
import io.swarmplace.bridge.ChainReconciliation;
import io.swarmplace.bridge.Deposit;
import io.swarmplace.bridge.ReserveProof;
import io.swarmplace.bridge.ReserveProofs;
import io.swarmplace.bridge.ReservesSnapshot;
import io.swarmplace.bridge.Withdrawal;
import io.swarmplace.bridge.WithdrawalRequest;
import io.swarmplace.bridge.internal.reserves.MerkleTree;
import io.swarmplace.bridge.internal.store.BridgeStore;
import io.swarmplace.bridge.internal.store.StoredDeposit;
import io.swarmplace.bridge.internal.store.StoredWithdrawal;
import io.swarmplace.ledger.Account;
import io.swarmplace.ledger.AccountSnapshot;
import io.swarmplace.ledger.AccountRole;
import io.swarmplace.ledger.Asset;
import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.InvariantReport;
import io.swarmplace.ledger.Ledger;
import io.swarmplace.wallet.Token;
import io.swarmplace.wallet.Transfer;
import io.swarmplace.wallet.TronAddress;
import io.swarmplace.wallet.Wallet;
import io.swarmplace.wallet.WalletException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The bridge: wires deposits, withdrawals, the reconciliation with the chain and the reserves together. */
public final class BridgeEngine implements Bridge {

    /** Ledger accounts read for the reserves at most; far above what one node serves. */
    private static final int MAX_ACCOUNTS = 10_000_000;
    /** Rounds of balance reads {@link #verify} makes at most to see every bridge address at one moment. */
    private static final int MAX_HOLDING_READS = 5;

    private final Ledger ledger;
    private final Wallet wallet;
    private final BridgeStore store;
    private final BridgeSettings settings;
    private final Faults faults;
    private final BridgeAccounts accounts;
    private final Deposits deposits;
    private final Withdrawals withdrawals;

    public BridgeEngine(Ledger ledger, Wallet wallet, BridgeSettings settings) throws BridgeException {
        this.ledger = ledger;
        this.wallet = wallet;
        this.settings = settings;
        this.store = new BridgeStore(settings.folder());
        this.faults = new Faults(settings.faultPoint(), settings.hangAtFault(), settings.folder());
        this.accounts = BridgeAccounts.open(ledger, custody());
        BridgeParts parts = new BridgeParts(ledger, wallet, store, accounts, settings.passphrase(), faults);
        this.deposits = new Deposits(parts);
        this.withdrawals = new Withdrawals(parts);
    }

    /** The configured custody address, else the one created earlier, else a new wallet account. */
    private TronAddress custody() throws BridgeException {
        if (settings.custodyAddress().isPresent()) {
            return TronAddress.parse(settings.custodyAddress().get());
        }
        Optional<String> known = store.custodyAddress();
        if (known.isPresent()) {
            return TronAddress.parse(known.get());
        }
        try {
            TronAddress created = wallet.createAccount(settings.passphrase());
            store.saveCustodyAddress(created.base58());
            return created;
        } catch (WalletException e) {
            throw new BridgeException("cannot create the custody address in the wallet: " + e.getMessage(), e);
        }
    }

    /** Finishes whatever a crash interrupted: uncredited deposits, unsettled withdrawals. */
    public void recover() throws BridgeException {
        faults.requireAlive();
        deposits.recover();
        withdrawals.advanceAll();
    }

    /** Moves unsettled withdrawals on and sweeps deposits still at their addresses; called every poll interval. */
    public void settle() throws BridgeException {
        faults.requireAlive();
        withdrawals.advanceAll();
        deposits.sweepPending();
    }

    /** A solidified transfer the wallet announced. */
    public void incoming(Transfer transfer) throws BridgeException {
        faults.requireAlive();
        deposits.credit(transfer);
    }

    @Override
    public TronAddress custodyAddress() {
        return accounts.custodyAddress();
    }

    @Override
    public Id128 custodyAccount() {
        return accounts.custody();
    }

    @Override
    public Id128 suspenseAccount() {
        return accounts.suspense();
    }

    @Override
    public synchronized TronAddress depositAddress(Id128 userAccount) throws BridgeException {
        Account account = ledger.lookupAccount(userAccount).orElseThrow(() -> new BridgeException(
                "no ledger account " + userAccount + "; open one first (ledger:open user BTT)"));
        if (account.role() != AccountRole.USER || account.asset() != Asset.BTT) {
            throw new BridgeException("account " + userAccount + " is a " + account.role() + " account of " + account.asset()
                    + "; only USER accounts of BTT have deposit addresses");
        }
        String known = store.depositAddresses().get(userAccount.toString());
        if (known != null) {
            return TronAddress.parse(known);
        }
        try {
            TronAddress created = wallet.createAccount(settings.passphrase());
            store.saveDepositAddress(userAccount.toString(), created.base58());
            return created;
        } catch (WalletException e) {
            throw new BridgeException("cannot create a deposit address in the wallet: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Deposit> deposits() throws BridgeException {
        return store.deposits().stream().sorted(Comparator.comparingLong(StoredDeposit::blockNumber).reversed())
                .map(StoredDeposit::toDeposit).toList();
    }

    @Override
    public Withdrawal withdraw(WithdrawalRequest request) throws BridgeException {
        faults.requireAlive();
        return withdrawals.submit(request, deposits.addresses()).toWithdrawal();
    }

    @Override
    public Optional<Withdrawal> withdrawal(Id128 withdrawalId) throws BridgeException {
        return store.withdrawal(withdrawalId.toString()).map(StoredWithdrawal::toWithdrawal);
    }

    @Override
    public List<Withdrawal> withdrawals() throws BridgeException {
        List<Withdrawal> all = new ArrayList<>(store.withdrawals().stream().map(StoredWithdrawal::toWithdrawal).toList());
        java.util.Collections.reverse(all);
        return all;
    }

    @Override
    public Withdrawal awaitSettled(Id128 withdrawalId, Duration timeout) throws BridgeException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Withdrawal withdrawal = withdrawal(withdrawalId)
                    .orElseThrow(() -> new BridgeException("no withdrawal " + withdrawalId + "; bridge:withdrawals lists them"));
            if (withdrawal.status().isFinal()) {
                return withdrawal;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new BridgeException("withdrawal " + withdrawalId + " is still " + withdrawal.status() + " after "
                        + timeout + "; the chain has not decided yet, ask again later");
            }
            try {
                Thread.sleep(settings.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BridgeException("interrupted while waiting for withdrawal " + withdrawalId, e);
            }
        }
    }

    @Override
    public ChainReconciliation verify() throws BridgeException {
        InvariantReport report = ledger.verify();
        BigInteger liabilities = report.custodyLiabilities().getOrDefault(Asset.BTT, BigInteger.ZERO);
        Map<TronAddress, BigInteger> held = chainHoldings();
        BigInteger chain = held.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger inFlight = withdrawals.inFlight();
        List<String> problems = new ArrayList<>();
        BigInteger difference = chain.subtract(liabilities);
        if (difference.signum() > 0) {
            problems.add("the chain holds " + difference + " base units more than the ledger owes: a deposit not credited"
                    + " yet (restart the bridge to run its recovery pass) or BTT sent outside the bridge");
        } else if (difference.negate().compareTo(inFlight) > 0) {
            problems.add("the chain holds " + difference.negate() + " base units less than the ledger owes, more than the "
                    + inFlight + " of withdrawals in flight: money is missing from the custody addresses");
        }
        return new ChainReconciliation(chain, liabilities, inFlight, report.violations(), problems);
    }

    /**
     * BTT on every bridge address, as the network reports it now. Balances are read one address at a time,
     * so a sweep that lands between two reads (deposit address to custody) would be seen in neither; the
     * addresses are read again until two rounds agree, which no transfer between them can fake.
     */
    private Map<TronAddress, BigInteger> chainHoldings() throws BridgeException {
        Map<TronAddress, BigInteger> previous = readHoldings();
        for (int round = 1; round < MAX_HOLDING_READS; round++) {
            Map<TronAddress, BigInteger> current = readHoldings();
            if (current.equals(previous)) {
                return current;
            }
            previous = current;
        }
        return previous; // still moving after every round: the report shows what the last round saw
    }

    private Map<TronAddress, BigInteger> readHoldings() throws BridgeException {
        Map<TronAddress, BigInteger> held = new LinkedHashMap<>();
        for (TronAddress address : deposits.addresses()) {
            try {
                held.put(address, wallet.balances(address).of(Token.BTT).units());
            } catch (WalletException e) {
                throw new BridgeException("cannot read the BTT balance of " + address + " from the chain: " + e.getMessage(), e);
            }
        }
        return held;
    }

    @Override
    public ReservesSnapshot publishReserves() throws BridgeException {
        return publish(reservesTree());
    }

    @Override
    public ReserveProof proof(Id128 account) throws BridgeException {
        MerkleTree tree = reservesTree();
        publish(tree);
        try {
            return tree.proof(account);
        } catch (IllegalArgumentException e) {
            throw new BridgeException(e.getMessage());
        }
    }

    /** Every user's BTT at one moment of the ledger: one snapshot, so the total is one the ledger really held. */
    private MerkleTree reservesTree() {
        Map<Id128, BigInteger> balances = new HashMap<>();
        for (AccountSnapshot entry : ledger.snapshot(MAX_ACCOUNTS)) {
            Account account = entry.account();
            if (account.asset() == Asset.BTT && account.role() != AccountRole.CUSTODY) {
                balances.put(account.id(), entry.balance().net());
            }
        }
        return new MerkleTree(balances);
    }

    private ReservesSnapshot publish(MerkleTree tree) throws BridgeException {
        Instant now = Instant.now();
        Path folder = store.folder().resolve("reserves");
        Path file = folder.resolve("reserves-" + now.toEpochMilli() + ".json");
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("format", ReserveProofs.FORMAT);
        document.put("root", tree.root());
        document.put("leaves", tree.size());
        document.put("total", tree.total().toString());
        document.put("asset", Asset.BTT.name());
        document.put("time", now.toString());
        try {
            Files.createDirectories(folder);
            byte[] bytes = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
            Files.write(file, bytes);
            Path latest = folder.resolve("latest.json.tmp");
            Files.write(latest, bytes);
            Files.move(latest, folder.resolve("latest.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new BridgeException("cannot publish the reserves to " + folder + ": " + e.getMessage(), e);
        }
        return new ReservesSnapshot(tree.root(), tree.size(), tree.total(), now, file.toString());
    }
}
