package app.ledgerline.refunds;

import app.ledgerline.platform.Money;
import java.time.Instant;
import java.util.List;

public record Refund(long id, long orderId, long amountMinor, String currency, String reason, String reference, String actor,
                     Instant createdAt, List<Line> lines) {

    public record Line(long productId, int quantity, boolean restocked) {
    }

    public Money amount() {
        return new Money(amountMinor, currency);
    }
}
