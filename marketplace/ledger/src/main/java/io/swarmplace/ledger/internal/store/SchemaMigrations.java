package io.swarmplace.ledger.internal.store;

import io.swarmplace.ledger.LedgerException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Versioned schema migrations, the same SQL for H2 and PostgreSQL, independent of Hibernate. Each
 * migration runs once, in order, in its own transaction, and is recorded in ledger_schema_version; a
 * migration only ever adds or transforms, so an upgrade never loses data. The list is explicit: a bundle
 * class loader cannot be scanned for resources.
 */
public final class SchemaMigrations {

    /** Every migration, oldest first; append, never edit one that has shipped. */
    static final List<String> MIGRATIONS = List.of("V1__ledger.sql");

    private SchemaMigrations() {}

    /** Brings the schema to the newest version; returns how many migrations ran. */
    public static int migrate(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS ledger_schema_version ("
                        + "version INTEGER NOT NULL PRIMARY KEY, script VARCHAR(200) NOT NULL, applied_at TIMESTAMP NOT NULL)");
            }
            connection.commit();
            int current = currentVersion(connection);
            if (current > MIGRATIONS.size()) {
                throw new LedgerException("the ledger database is at schema version " + current
                        + ", newer than this Swarmplace knows (" + MIGRATIONS.size() + "): upgrade Swarmplace");
            }
            for (int version = current + 1; version <= MIGRATIONS.size(); version++) {
                apply(connection, version, MIGRATIONS.get(version - 1));
            }
            return MIGRATIONS.size() - current;
        } catch (SQLException e) {
            throw new LedgerException("migrating the ledger schema failed: " + e.getMessage(), e);
        }
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM ledger_schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void apply(Connection connection, int version, String script) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(read(script))) {
                statement.execute(sql);
            }
            try (PreparedStatement record = connection.prepareStatement(
                    "INSERT INTO ledger_schema_version (version, script, applied_at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
                record.setInt(1, version);
                record.setString(2, script);
                record.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException("migration " + script + " failed: " + e.getMessage(), e);
        }
    }

    /** The statements of a script: split at semicolons that end a line, comment lines dropped. */
    static List<String> statements(String script) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                withoutComments.append(line).append('\n');
            }
        }
        return java.util.Arrays.stream(withoutComments.toString().split(";\\s*\n"))
                .map(String::strip)
                .filter(sql -> !sql.isEmpty())
                .map(sql -> sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql)
                .toList();
    }

    private static String read(String script) {
        try (InputStream in = SchemaMigrations.class.getResourceAsStream("migration/" + script)) {
            if (in == null) {
                throw new LedgerException("migration " + script + " is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LedgerException("reading migration " + script + " failed", e);
        }
    }
}
