package io.swarmplace.bridge.internal.component;

import io.swarmplace.testing.ExternalPart;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Every {@link BridgeScenarios} scenario, as in {@link BridgeBundleIT} but with the ledger on the real PostgreSQL server (a schema of its own). */
class BridgeBundlePostgresIT extends BridgeScenarios {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String SCHEMA = "bridge_bundle_it";

    @BeforeAll
    static void boot() throws Exception {
        ExternalPart.require("PostgreSQL at 127.0.0.1:5432 (user postgres, database test)",
                "apt-get install postgresql, trust authentication for 127.0.0.1", BridgeBundlePostgresIT::reachable);
        admin("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE", "CREATE SCHEMA " + SCHEMA);
        BridgeNode.boot(temp, Optional.empty(), "",
                Map.of("jdbcUrl", SERVER + "?currentSchema=" + SCHEMA + "&reWriteBatchedInserts=true", "user", "postgres"));
    }

    @AfterAll
    static void dropSchema() throws Exception {
        BridgeNode.shutdown(); // first: the ledger's connections go with it
        if (reachable()) {
            admin("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    private static boolean reachable() {
        try (Connection ignored = DriverManager.getConnection(SERVER, "postgres", "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void admin(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "");
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
