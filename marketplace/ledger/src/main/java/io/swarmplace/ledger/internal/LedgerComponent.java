package io.swarmplace.ledger.internal;

import io.swarmplace.ledger.Account;
import io.swarmplace.ledger.AccountSnapshot;
import io.swarmplace.ledger.Balance;
import io.swarmplace.ledger.CreateAccountResult;
import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.InvariantReport;
import io.swarmplace.ledger.Ledger;
import io.swarmplace.ledger.PendingStatus;
import io.swarmplace.ledger.Transfer;
import io.swarmplace.ledger.TransferResult;
import io.swarmplace.ledger.internal.engine.LedgerEngine;
import io.swarmplace.ledger.internal.engine.WriteFaults;
import io.swarmplace.ledger.internal.store.DatabaseSettings;
import io.swarmplace.ledger.internal.store.LedgerDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The {@link Ledger} service: opens the configured database (an H2 file under the node's data directory
 * by default, or PostgreSQL), migrates its schema and starts the writer. Delayed: Hibernate's bootstrap
 * (1 to 2 s) runs when something first uses the ledger, not when the node starts. A new configuration
 * restarts it on the new database.
 */
@Component(configurationPid = LedgerComponent.PID, service = Ledger.class)
@Designate(ocd = LedgerComponent.Config.class)
public class LedgerComponent implements Ledger {

    public static final String PID = "io.swarmplace.ledger";

    @ObjectClassDefinition(name = "Swarmplace ledger", description = "The off-chain BTT ledger's database")
    public @interface Config {
        @AttributeDefinition(description = "JDBC URL: jdbc:postgresql://host:port/database (production) or"
                + " jdbc:h2:file:/path; empty: an H2 file in <swarmplace.data>/ledger")
        String jdbcUrl() default "";

        @AttributeDefinition(description = "Database user")
        String user() default "";

        @AttributeDefinition(description = "Database password", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
        String password() default "";

        @AttributeDefinition(description = "Most database connections (one writes, the rest read)")
        int poolSize() default 4;

        @AttributeDefinition(description = "Rows sent to the database per JDBC batch")
        int jdbcBatchSize() default 1000;

        @AttributeDefinition(description = "Seconds between sweeps that release pending transfers past their timeout")
        int expirySweepSeconds() default 1;

        @AttributeDefinition(description = "Check on start that the database schema matches the mapping")
        boolean validateSchema() default false;
    }

    private final LedgerDatabase database;
    private final LedgerEngine engine;

    @Activate
    public LedgerComponent(BundleContext context, Config config) {
        DatabaseSettings settings = settings(context, config);
        this.database = LedgerDatabase.open(settings);
        try {
            this.engine = LedgerEngine.start(database, Clock.systemUTC(), Duration.ofSeconds(Math.max(1, config.expirySweepSeconds())),
                    WriteFaults.NONE);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    static DatabaseSettings settings(BundleContext context, Config config) {
        if (config.jdbcUrl().isBlank()) {
            return DatabaseSettings.h2(dataDirectory(context).resolve("ledger")).withValidateSchema(config.validateSchema());
        }
        return new DatabaseSettings(config.jdbcUrl().strip(), config.user(), config.password(), Math.max(2, config.poolSize()),
                Math.max(1, config.jdbcBatchSize()), 10_000, config.validateSchema());
    }

    private static Path dataDirectory(BundleContext context) {
        String data = context.getProperty("swarmplace.data");
        return data != null && !data.isBlank() ? Path.of(data) : context.getDataFile("").toPath();
    }

    @Deactivate
    void deactivate() {
        try {
            engine.close();
        } finally {
            database.close();
        }
    }

    @Override
    public List<CreateAccountResult> createAccounts(List<Account> accounts) {
        return engine.createAccounts(accounts);
    }

    @Override
    public Optional<Account> lookupAccount(Id128 id) {
        return engine.lookupAccount(id);
    }

    @Override
    public List<Account> accounts(int limit) {
        return engine.accounts(limit);
    }

    @Override
    public List<AccountSnapshot> snapshot(int limit) {
        return engine.snapshot(limit);
    }

    @Override
    public Balance balance(Id128 accountId) {
        return engine.balance(accountId);
    }

    @Override
    public List<TransferResult> createTransfers(List<Transfer> transfers) {
        return engine.createTransfers(transfers);
    }

    @Override
    public Optional<Transfer> lookupTransfer(Id128 id) {
        return engine.lookupTransfer(id);
    }

    @Override
    public Optional<PendingStatus> pendingStatus(Id128 id) {
        return engine.pendingStatus(id);
    }

    @Override
    public List<Transfer> history(Id128 accountId, int limit) {
        return engine.history(accountId, limit);
    }

    @Override
    public InvariantReport verify() {
        return engine.verify();
    }
}
