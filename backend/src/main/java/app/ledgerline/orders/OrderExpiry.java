package app.ledgerline.orders;

import java.time.Instant;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Cancels unpaid orders past their payment hold. Safe with several instances: each order is locked and re-checked. */
@Component
class OrderExpiry {

    private final OrderService orders;

    OrderExpiry(OrderService orders) {
        this.orders = orders;
    }

    @Scheduled(fixedDelayString = "${ledgerline.shop.expiry-sweep-interval:30s}", initialDelayString = "${ledgerline.shop.expiry-sweep-interval:30s}")
    Mono<Long> sweep() {
        // Spring calls a reactive @Scheduled method once and re-subscribes to what it returned: read the clock per run.
        return Mono.defer(() -> orders.expireDue(Instant.now()));
    }
}
