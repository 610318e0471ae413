package io.swarmplace.ledger.internal.engine;

import io.swarmplace.ledger.internal.store.DatabaseSettings;
import io.swarmplace.testing.ExternalPart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A database for one test class: an H2 file in a fresh folder, or a fresh schema on the real PostgreSQL
 * server at 127.0.0.1:5432 (skipped with a reason when it is missing, failed under SWARMPLACE_IT=required).
 * Dropped by {@link #drop()}.
 */
public abstract class TestDatabase {

    static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

    public abstract DatabaseSettings settings();

    public abstract void drop() throws Exception;

    /** Breaks the database connection under the writer, the way a crashed server or network would. */
    abstract void kill(Connection connection) throws Exception;

    public static TestDatabase h2() throws Exception {
        Path folder = Files.createTempDirectory("ledger-h2-");
        return new TestDatabase() {
            @Override
            public DatabaseSettings settings() {
                return DatabaseSettings.h2(folder).withValidateSchema(true);
            }

            @Override
            void kill(Connection connection) throws Exception {
                connection.unwrap(Connection.class).close();
            }

            @Override
            public void drop() throws Exception {
                try (Stream<Path> files = Files.walk(folder)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        };
    }

    /** A schema named after the test class, created empty. */
    public static TestDatabase postgres(Class<?> testClass) throws Exception {
        ExternalPart.require("PostgreSQL at 127.0.0.1:5432 (user postgres, database test)",
                "apt-get install postgresql, trust authentication for 127.0.0.1", TestDatabase::postgresReachable);
        String schema = ("ledger_" + testClass.getSimpleName()).toLowerCase(Locale.ROOT);
        admin("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        return new TestDatabase() {
            @Override
            public DatabaseSettings settings() {
                return new DatabaseSettings(POSTGRES + "?currentSchema=" + schema + "&reWriteBatchedInserts=true",
                        "postgres", "", 4, 1000, 10_000, true);
            }

            @Override
            void kill(Connection connection) throws Exception {
                int backend;
                try (Statement statement = connection.createStatement();
                        java.sql.ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
                    row.next();
                    backend = row.getInt(1);
                }
                admin("SELECT pg_terminate_backend(" + backend + ")");
            }

            @Override
            public void drop() throws Exception {
                admin("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        };
    }

    static void admin(String... statements) throws SQLException {
        try (Connection connection = connectAsAdmin();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Through the driver itself: the ledger deregisters its drivers from DriverManager when it closes. */
    static Connection connectAsAdmin() throws SQLException {
        java.util.Properties login = new java.util.Properties();
        login.setProperty("user", "postgres");
        return new org.postgresql.Driver().connect(POSTGRES, login);
    }

    private static boolean postgresReachable() {
        try (Connection ignored = connectAsAdmin()) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
