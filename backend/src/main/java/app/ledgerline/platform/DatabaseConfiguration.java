package app.ledgerline.platform;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The database: an external PostgreSQL when configured, otherwise an embedded one. Flyway migrates it over JDBC
 * once at start-up (blocking is fine there: nothing is served yet); every request afterwards goes through R2DBC.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    /** Host, port, database and credentials of the PostgreSQL in use. */
    record DatabaseEndpoint(String host, int port, String database, String username, String password,
                            AutoCloseable owned) implements AutoCloseable {

        String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        @Override
        public void close() throws Exception {
            if (owned != null) {
                owned.close();
            }
        }
    }

    /** Marks that the schema is migrated; the connection pool depends on it so no query runs before. */
    record MigratedSchema(int appliedMigrations) {
    }

    /**
     * The PostgreSQL in use. The embedded one was usually started already, on its own thread while the context was
     * being built ({@link EmbeddedDatabaseEarlyStart}); otherwise it is started here.
     */
    @Bean(destroyMethod = "close")
    DatabaseEndpoint databaseEndpoint(DatabaseProperties properties, ObjectProvider<EmbeddedDatabaseEarlyStart.Starting> early) {
        if (!properties.embedded()) {
            URI uri = URI.create(properties.url().replaceFirst("^(jdbc:|r2dbc:)", ""));
            int port = uri.getPort() == -1 ? 5432 : uri.getPort();
            String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
            log.info("Using PostgreSQL at {}:{}/{}", uri.getHost(), port, database);
            return new DatabaseEndpoint(uri.getHost(), port, database, properties.username(), properties.password(), null);
        }
        EmbeddedDatabaseEarlyStart.Starting starting = early.getIfAvailable();
        return starting != null ? starting.take() : startEmbedded(properties);
    }

    /** Starts the embedded PostgreSQL with its data in {@code embeddedDataDir}; blocks until it accepts connections. */
    static DatabaseEndpoint startEmbedded(DatabaseProperties properties) {
        try {
            Files.createDirectories(properties.embeddedDataDir());
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(properties.embeddedDataDir())
                    .setCleanDataDirectory(false)
                    .setPort(properties.embeddedPort())
                    .setPGStartupWait(Duration.ofSeconds(30))
                    // The library's defaults trade durability for test speed; the shop's data must survive a crash.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .start();
            log.info("Started embedded PostgreSQL on port {} with data in {}", postgres.getPort(),
                    properties.embeddedDataDir().toAbsolutePath());
            return new DatabaseEndpoint("localhost", postgres.getPort(), "postgres", "postgres", null, postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + properties.embeddedDataDir(), e);
        }
    }

    @Bean
    MigratedSchema migratedSchema(DatabaseEndpoint endpoint) {
        var result = Flyway.configure()
                .dataSource(endpoint.jdbcUrl(), endpoint.username(), endpoint.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return new MigratedSchema(result.migrationsExecuted);
    }

    @Bean(destroyMethod = "dispose")
    ConnectionPool connectionFactory(DatabaseEndpoint endpoint, MigratedSchema migrated, DatabaseProperties properties) {
        var postgres = new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host(endpoint.host())
                .port(endpoint.port())
                .database(endpoint.database())
                .username(endpoint.username())
                .password(endpoint.password())
                .applicationName("ledgerline")
                .build());
        return new ConnectionPool(ConnectionPoolConfiguration.builder(postgres)
                .initialSize(Math.min(4, properties.poolSize()))
                .maxSize(properties.poolSize())
                .maxIdleTime(Duration.ofMinutes(10))
                .maxAcquireTime(Duration.ofSeconds(10))
                .name("ledgerline")
                .build());
    }
}
