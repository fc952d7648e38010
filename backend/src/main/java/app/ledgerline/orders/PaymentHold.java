package app.ledgerline.orders;

import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * How long an unpaid order keeps its stock, by payment method: the shop's payment hold, except where the method has
 * its own deadline (an invoice is due days later). Implemented by the payments module, which owns those settings.
 */
public interface PaymentHold {

    Mono<Duration> holdFor(PaymentMethod method);
}
