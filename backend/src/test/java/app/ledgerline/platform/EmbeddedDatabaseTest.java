package app.ledgerline.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default keeps its data in a directory across restarts, durably, and migrates it once. */
class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void dataSurvivesARestart() throws Exception {
        var properties = new DatabaseProperties(null, null, null, dataDir, 0, 4);
        var configuration = new DatabaseConfiguration();

        try (var endpoint = DatabaseConfiguration.startEmbedded(properties)) {
            assertThat(configuration.migratedSchema(endpoint).appliedMigrations()).isPositive();
            try (var connection = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.username(), endpoint.password())) {
                connection.createStatement().execute("insert into customer (discord_user_id, username) values ('42', 'kept')");
                for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
                    try (var shown = connection.createStatement().executeQuery("show " + setting)) {
                        shown.next();
                        assertThat(shown.getString(1)).as(setting).isEqualTo("on");
                    }
                }
            }
        }
        assertThat(Files.exists(dataDir.resolve("PG_VERSION"))).isTrue();

        try (var endpoint = DatabaseConfiguration.startEmbedded(properties)) {
            assertThat(configuration.migratedSchema(endpoint).appliedMigrations()).isZero();
            try (var connection = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.username(), endpoint.password());
                 var result = connection.createStatement().executeQuery("select username from customer where discord_user_id = '42'")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).isEqualTo("kept");
            }
        }
    }
}
