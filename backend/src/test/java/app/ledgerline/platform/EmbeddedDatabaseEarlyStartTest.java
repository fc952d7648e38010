package app.ledgerline.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ledgerline.LedgerlineApplication;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.r2dbc.core.DatabaseClient;

/** The embedded default started while the context is built: the application uses it and stops it when it closes. */
class EmbeddedDatabaseEarlyStartTest {

    @TempDir
    Path dataDir;

    @Test
    void theApplicationRunsOnTheEarlyStartedDatabaseAndStopsItOnClose() {
        int port;
        try (var context = new SpringApplicationBuilder(LedgerlineApplication.class)
                .initializers(new EmbeddedDatabaseEarlyStart())
                .run("--server.port=0", "--ledgerline.database.url=", "--ledgerline.database.embedded-data-dir=" + dataDir,
                        "--ledgerline.shop.expiry-sweep-interval=1h")) {
            assertThat(context.getBeansOfType(EmbeddedDatabaseEarlyStart.Starting.class)).hasSize(1);
            port = context.getBean(DatabaseConfiguration.DatabaseEndpoint.class).port();
            Long methods = context.getBean(DatabaseClient.class).sql("select count(*) from payment_method_setting")
                    .map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(10));
            assertThat(methods).isEqualTo(4);
        }
        assertThatThrownBy(() -> new Socket("localhost", port).close()).isInstanceOf(IOException.class);
    }
}
