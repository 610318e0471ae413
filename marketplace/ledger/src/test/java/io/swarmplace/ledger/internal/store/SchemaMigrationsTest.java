package io.swarmplace.ledger.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.swarmplace.ledger.LedgerException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema migrations on an H2 file: applied once, kept data on a rerun, a newer schema refused. */
class SchemaMigrationsTest {

    @TempDir
    Path folder;

    @Test
    void migratesOnceKeepsDataAndRefusesANewerSchema() throws Exception {
        try (HikariDataSource dataSource = new HikariDataSource()) {
            DatabaseSettings settings = DatabaseSettings.h2(folder);
            dataSource.setJdbcUrl(settings.jdbcUrl());
            dataSource.setDriverClassName(settings.driverClassName());
            dataSource.setAutoCommit(false);
            assertThat(SchemaMigrations.migrate(dataSource)).isEqualTo(SchemaMigrations.MIGRATIONS.size());
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO ledger_account VALUES ('00000000-0000-0000-0000-000000000001', 'BTT', 'USER', 1,"
                        + " 0, 0, 0, 340282366920938463463374607431768211455, 1)");
                connection.commit();
            }

            assertThat(SchemaMigrations.migrate(dataSource)).isZero();
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT credits_posted FROM ledger_account")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getBigDecimal(1).toBigIntegerExact()).isEqualTo(io.swarmplace.ledger.Amounts.MAX);
                statement.execute("INSERT INTO ledger_schema_version VALUES (99, 'V99__future.sql', CURRENT_TIMESTAMP)");
                connection.commit();
            }
            assertThatThrownBy(() -> SchemaMigrations.migrate(dataSource)).isInstanceOf(LedgerException.class)
                    .hasMessageContaining("schema version 99").hasMessageContaining("upgrade Swarmplace");
        }
    }

    @Test
    void splitsScriptsIntoStatementsWithoutComments() {
        assertThat(SchemaMigrations.statements("-- a comment; with a semicolon\nCREATE TABLE a (x INT);\n\nCREATE INDEX i ON a (x);\n"))
                .containsExactly("CREATE TABLE a (x INT)", "CREATE INDEX i ON a (x)");
    }
}
