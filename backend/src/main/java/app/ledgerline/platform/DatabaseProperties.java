package app.ledgerline.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the data lives. With no {@code url} the backend starts an embedded PostgreSQL whose files are kept in
 * {@code embeddedDataDir}, so data survives restarts.
 *
 * @param url      {@code postgresql://host:port/database}; empty for the embedded default
 * @param poolSize connections kept by the R2DBC pool
 */
@ConfigurationProperties("ledgerline.database")
public record DatabaseProperties(
        String url,
        String username,
        String password,
        @DefaultValue("./data") Path embeddedDataDir,
        @DefaultValue("0") int embeddedPort,
        @DefaultValue("16") int poolSize) {

    public boolean embedded() {
        return url == null || url.isBlank();
    }
}
