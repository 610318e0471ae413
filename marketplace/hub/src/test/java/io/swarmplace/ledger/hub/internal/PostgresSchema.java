package io.swarmplace.ledger.hub.internal;

import io.swarmplace.ledger.internal.store.DatabaseSettings;
import io.swarmplace.testing.ExternalPart;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;

/** A fresh schema of the real PostgreSQL at 127.0.0.1:5432 (database test, user postgres), dropped on close. */
public final class PostgresSchema implements AutoCloseable {

    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

    private final String name;

    private PostgresSchema(String name) throws SQLException {
        this.name = name.toLowerCase(Locale.ROOT);
        admin("DROP SCHEMA IF EXISTS " + this.name + " CASCADE", "CREATE SCHEMA " + this.name);
    }

    /** Skips the test (fails it under SWARMPLACE_IT=required) when PostgreSQL is not there. */
    public static PostgresSchema create(String name) throws SQLException {
        ExternalPart.require("PostgreSQL at 127.0.0.1:5432 (user postgres, database test)",
                "apt-get install postgresql, trust authentication for 127.0.0.1", PostgresSchema::reachable);
        return new PostgresSchema(name);
    }

    public DatabaseSettings settings() {
        return new DatabaseSettings(POSTGRES + "?currentSchema=" + name + "&reWriteBatchedInserts=true", "postgres", "", 4, 1000,
                10_000, false);
    }

    @Override
    public void close() throws SQLException {
        admin("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }

    private static void admin(String... statements) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Through the driver itself: the ledger deregisters its drivers from DriverManager when it closes. */
    private static Connection connect() throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", "postgres");
        return new org.postgresql.Driver().connect(POSTGRES, login);
    }

    private static boolean reachable() {
        try (Connection ignored = connect()) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
