package app.ledgerline.orders;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Admission control of order placement ({@link PlacementAdmission}).
 *
 * @param running placements that run at once, each holding a database connection: a few per core of the database
 *                server (more only queue inside PostgreSQL, on one hot product on its row lock)
 * @param queued  placements that wait for their turn; one more is refused at once with BUSY
 * @param maxWait how long a placement may wait for its turn before it is refused with BUSY
 */
@ConfigurationProperties("ledgerline.orders.admission")
public record AdmissionProperties(
        @DefaultValue("8") int running,
        @DefaultValue("1024") int queued,
        @DefaultValue("5s") Duration maxWait) {
}
