package app.ledgerline.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One real PostgreSQL per test JVM, shared by every test context: the server named by
 * {@code LEDGERLINE_TEST_DATABASE_URL} if set, else a Testcontainers PostgreSQL where Docker runs, else an embedded
 * PostgreSQL in a temporary directory. Tests make their own uniquely named data, so they never need a clean slate.
 */
public final class TestDatabase {

    public record Connection(String url, String username, String password) {
    }

    private static Connection connection;

    private TestDatabase() {
    }

    public static synchronized Connection get() {
        if (connection == null) {
            connection = start();
        }
        return connection;
    }

    private static Connection start() {
        String configured = System.getenv("LEDGERLINE_TEST_DATABASE_URL");
        if (configured != null && !configured.isBlank()) {
            return new Connection(configured, env("LEDGERLINE_TEST_DATABASE_USERNAME", "postgres"), env("LEDGERLINE_TEST_DATABASE_PASSWORD", ""));
        }
        if (dockerAvailable()) {
            var container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return new Connection("postgresql://" + container.getHost() + ":" + container.getFirstMappedPort() + "/" + container.getDatabaseName(),
                    container.getUsername(), container.getPassword());
        }
        try {
            Path dir = Files.createTempDirectory("ledgerline-test-pg");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is ending
                }
            }));
            return new Connection("postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean dockerAvailable() {
        // Asking Testcontainers where no engine can exist only logs alarming errors.
        if (System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    /** Points a Spring test context at the shared database. */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Connection db = get();
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("ledgerline-test-database", java.util.Map.of(
                    "ledgerline.database.url", db.url(),
                    "ledgerline.database.username", db.username(),
                    "ledgerline.database.password", db.password(),
                    "ledgerline.database.pool-size", "12")));
        }
    }
}
