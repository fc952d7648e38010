package app.ledgerline;

import app.ledgerline.platform.EmbeddedDatabaseEarlyStart;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class LedgerlineApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(LedgerlineApplication.class);
        application.addInitializers(new EmbeddedDatabaseEarlyStart());
        application.run(args);
    }
}
