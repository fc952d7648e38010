package app.ledgerline.platform;

import app.ledgerline.platform.DatabaseConfiguration.DatabaseEndpoint;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Starts the embedded PostgreSQL on its own thread as soon as the configuration is known, before the application
 * context is built: the seconds PostgreSQL needs to start (and, the first time, to create its data directory) pass
 * while Spring builds everything else, and {@link DatabaseConfiguration} waits only for what is left. Registered by
 * {@code LedgerlineApplication.main}; does nothing when an external database is configured.
 */
public final class EmbeddedDatabaseEarlyStart implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        DatabaseProperties properties = Binder.get(context.getEnvironment()).bindOrCreate("ledgerline.database", DatabaseProperties.class);
        if (!properties.embedded() || !(context instanceof GenericApplicationContext generic)) {
            return;
        }
        CompletableFuture<DatabaseEndpoint> started = new CompletableFuture<>();
        Thread.ofPlatform().name("embedded-postgres-start").daemon().start(() -> {
            try {
                started.complete(DatabaseConfiguration.startEmbedded(properties));
            } catch (Throwable e) {
                started.completeExceptionally(e);
            }
        });
        generic.registerBean(Starting.class, () -> new Starting(started));
    }

    /**
     * The embedded PostgreSQL being started. The database endpoint takes it over; if the context fails before that,
     * closing this stops it, so no PostgreSQL outlives the application.
     */
    public static final class Starting implements AutoCloseable {

        private final CompletableFuture<DatabaseEndpoint> started;
        private boolean taken;

        Starting(CompletableFuture<DatabaseEndpoint> started) {
            this.started = started;
        }

        /** Waits until it accepts connections; the caller owns it from then on. */
        synchronized DatabaseEndpoint take() {
            try {
                DatabaseEndpoint endpoint = started.join();
                taken = true;
                return endpoint;
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
        }

        @Override
        public synchronized void close() throws Exception {
            if (!taken && !started.isCompletedExceptionally()) {
                started.join().close();
            }
        }
    }
}
