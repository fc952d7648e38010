package app.ledgerline.payments;

import app.ledgerline.orders.PaymentHold;
import app.ledgerline.orders.PaymentMethod;
import app.ledgerline.platform.ShopProperties;
import java.time.Duration;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * An invoice order is held until its invoice is due (the INVOICE setting's due days, 14 when unset), never less
 * than the shop's payment hold; every other method gets the shop's payment hold.
 */
@Component
class MethodPaymentHold implements PaymentHold {

    static final int DEFAULT_INVOICE_DUE_DAYS = 14;

    private final PaymentSettings settings;
    private final ShopProperties shop;

    MethodPaymentHold(PaymentSettings settings, ShopProperties shop) {
        this.settings = settings;
        this.shop = shop;
    }

    @Override
    public Mono<Duration> holdFor(PaymentMethod method) {
        if (method != PaymentMethod.INVOICE) {
            return Mono.just(shop.paymentHold());
        }
        return settings.current().map(all -> all.stream()
                .filter(setting -> setting.method() == PaymentMethod.INVOICE)
                .findFirst()
                .map(setting -> setting.dueDays() == null ? DEFAULT_INVOICE_DUE_DAYS : setting.dueDays())
                .map(days -> max(Duration.ofDays(days), shop.paymentHold()))
                .orElse(shop.paymentHold()));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
