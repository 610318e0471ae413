package io.swarmplace.ledger.internal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import io.swarmplace.ledger.LedgerException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import org.hibernate.SessionFactory;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.hibernate.jpa.HibernatePersistenceProvider;

/**
 * The ledger's database: a HikariCP pool, the schema migrated to the newest version, and a Hibernate
 * session factory over the three entities (listed explicitly: no persistence.xml, no scanning, no
 * jakarta.persistence.Persistence lookup, which all fail inside a bundle). {@link #close()} releases
 * everything, including the JDBC drivers this bundle's class loader registered with the JDK-global
 * DriverManager (otherwise every bundle update leaks the whole class loader).
 */
public final class LedgerDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final SessionFactory sessionFactory;
    private final Connection writerLock;

    private LedgerDatabase(HikariDataSource dataSource, SessionFactory sessionFactory, Connection writerLock) {
        this.dataSource = dataSource;
        this.sessionFactory = sessionFactory;
        this.writerLock = writerLock;
    }

    /**
     * Opens the database at {@code settings.jdbcUrl()}, migrating its schema.
     *
     * @throws LedgerException if it cannot be reached or migrated; the message names the URL
     */
    public static LedgerDatabase open(DatabaseSettings settings) {
        HikariDataSource dataSource = null;
        Connection writerLock = null;
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(LedgerDatabase.class.getClassLoader());
        try {
            dataSource = new HikariDataSource(poolConfig(settings));
            writerLock = settings.jdbcUrl().startsWith("jdbc:postgresql:") ? lockAsSoleWriter(dataSource, settings) : null;
            SchemaMigrations.migrate(dataSource);
            HibernatePersistenceConfiguration configuration = new HibernatePersistenceConfiguration("swarmplace-ledger")
                    .managedClasses(AccountEntity.class, TransferEntity.class, PendingEntity.class)
                    .property("hibernate.connection.datasource", dataSource)
                    .property("hibernate.jdbc.batch_size", settings.jdbcBatchSize())
                    .property("hibernate.order_inserts", true)
                    .property("hibernate.order_updates", true)
                    .property("hibernate.hbm2ddl.auto", settings.validateSchema() ? "validate" : "none");
            SessionFactory sessionFactory = new HibernatePersistenceProvider()
                    .createEntityManagerFactory(configuration)
                    .unwrap(SessionFactory.class);
            return new LedgerDatabase(dataSource, sessionFactory, writerLock);
        } catch (RuntimeException e) {
            releaseWriterLock(writerLock);
            if (dataSource != null) {
                dataSource.close();
            }
            deregisterDrivers();
            throw e instanceof LedgerException ledger ? ledger
                    : new LedgerException("opening the ledger database " + settings.jdbcUrl() + " failed: " + e.getMessage(), e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /**
     * The writer caches accounts between batches, so it must be the only one writing these tables: a
     * session-level advisory lock (held on a connection of its own until {@link #close()}) makes a second
     * ledger process on the same database and schema fail at start instead of overdrawing accounts.
     * An embedded H2 file is locked by H2 itself.
     */
    private static Connection lockAsSoleWriter(HikariDataSource dataSource, DatabaseSettings settings) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            boolean locked;
            try (Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery(
                            "SELECT pg_try_advisory_lock(hashtext('swarmplace-ledger:' || COALESCE(current_schema(), '')))")) {
                row.next();
                locked = row.getBoolean(1);
            }
            connection.commit();
            if (!locked) {
                throw new LedgerException("another ledger process already writes to " + settings.jdbcUrl()
                        + ": one process owns a ledger database; let other nodes use that one (or give this one its own"
                        + " database or schema)");
            }
            return connection;
        } catch (SQLException e) {
            releaseWriterLock(connection);
            throw new LedgerException("locking the ledger database " + settings.jdbcUrl() + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            releaseWriterLock(connection);
            throw e;
        }
    }

    /** Unlocks before the connection goes back to the pool, where the session (and its lock) would live on. */
    private static void releaseWriterLock(Connection connection) {
        if (connection == null) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock_all()");
            connection.commit();
        } catch (SQLException ignored) {
            // a broken connection: its session, and the lock with it, is gone
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }

    private static HikariConfig poolConfig(DatabaseSettings settings) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("swarmplace-ledger");
        pool.setJdbcUrl(settings.jdbcUrl());
        pool.setDriverClassName(settings.driverClassName());
        pool.setUsername(settings.user());
        pool.setPassword(settings.password());
        pool.setMaximumPoolSize(settings.poolSize());
        pool.setMinimumIdle(1);
        pool.setAutoCommit(false);
        pool.setConnectionTimeout(settings.connectTimeoutMillis());
        pool.setInitializationFailTimeout(settings.connectTimeoutMillis());
        // The writer validates every event in memory, so any SQL error means the connection or the
        // database broke (a killed backend, a closed embedded session): never hand that connection out again.
        pool.setExceptionOverride(new SQLExceptionOverride() {
            @java.lang.Override
            public Override adjudicate(SQLException e) {
                return Override.MUST_EVICT;
            }
        });
        return pool;
    }

    public SessionFactory sessionFactory() {
        return sessionFactory;
    }

    public javax.sql.DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        try {
            sessionFactory.close();
        } finally {
            releaseWriterLock(writerLock);
            dataSource.close();
            deregisterDrivers();
        }
    }

    /** Deregisters the drivers loaded by this bundle's class loader, and no one else's. */
    private static void deregisterDrivers() {
        ClassLoader ours = LedgerDatabase.class.getClassLoader();
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == ours) {
                try {
                    DriverManager.deregisterDriver(driver);
                } catch (SQLException ignored) {
                    // already gone
                }
            }
        }
    }
}
