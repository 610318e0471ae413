package io.swarmplace.ledger.internal.store;

import io.swarmplace.ledger.LedgerException;
import java.nio.file.Path;

/** Where the ledger's database is and how to talk to it. */
public record DatabaseSettings(String jdbcUrl, String user, String password, int poolSize, int jdbcBatchSize,
        long connectTimeoutMillis, boolean validateSchema) {

    /**
     * The embedded default: an H2 file database in {@code directory}. WRITE_DELAY=0 writes every commit to
     * the file before the commit returns; H2's default (500 ms) lost acknowledged batches when the
     * process was killed (ProcessKillTest). H2 does not fsync each commit: for durability across power
     * loss, use PostgreSQL.
     */
    public static DatabaseSettings h2(Path directory) {
        return new DatabaseSettings("jdbc:h2:file:" + directory.resolve("ledger").toAbsolutePath() + ";WRITE_DELAY=0", "sa",
                "", 4, 1000, 10_000, false);
    }

    public DatabaseSettings withValidateSchema(boolean validate) {
        return new DatabaseSettings(jdbcUrl, user, password, poolSize, jdbcBatchSize, connectTimeoutMillis, validate);
    }

    /** The driver named explicitly: the bundle's drivers are private, DriverManager's lookup may not see them. */
    public String driverClassName() {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return "org.h2.Driver";
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return "org.postgresql.Driver";
        }
        throw new LedgerException("unsupported ledger database URL '" + jdbcUrl
                + "': use jdbc:postgresql://host:port/database or jdbc:h2:file:/path");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + jdbcUrl + ", user " + user + "]";
    }
}
