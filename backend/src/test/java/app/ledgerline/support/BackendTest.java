package app.ledgerline.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** A running backend on a random port, on the shared test PostgreSQL, with known bootstrap tokens. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "LEDGERLINE_ADMIN_TOKEN=" + Api.ADMIN_TOKEN,
        "LEDGERLINE_BOT_TOKEN=" + Api.BOT_TOKEN,
        // Tests drive expiry themselves through OrderService.expireDue.
        "ledgerline.shop.expiry-sweep-interval=1h",
        "ledgerline.shop.flat-shipping-minor=500",
        // Races of hundreds of orders on a busy test machine must not be refused for waiting (see PlacementAdmissionTest).
        "ledgerline.orders.admission.max-wait=60s"})
@ContextConfiguration(initializers = TestDatabase.Initializer.class)
public @interface BackendTest {
}
