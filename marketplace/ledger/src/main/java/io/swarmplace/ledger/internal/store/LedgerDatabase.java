package io.swarmplace.ledger.internal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import io.swarmplace.ledger.LedgerException;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
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

    private LedgerDatabase(HikariDataSource dataSource, SessionFactory sessionFactory) {
        this.dataSource = dataSource;
        this.sessionFactory = sessionFactory;
    }

    /**
     * Opens the database at {@code settings.jdbcUrl()}, migrating its schema.
     *
     * @throws LedgerException if it cannot be reached or migrated; the message names the URL
     */
    public static LedgerDatabase open(DatabaseSettings settings) {
        HikariDataSource dataSource = null;
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(LedgerDatabase.class.getClassLoader());
        try {
            dataSource = new HikariDataSource(poolConfig(settings));
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
            return new LedgerDatabase(dataSource, sessionFactory);
        } catch (RuntimeException e) {
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
