package app.ledgerline.discounts;

import app.ledgerline.platform.Money;
import java.time.Instant;
import java.util.List;

public record Discount(
        long id,
        String name,
        String code,
        Kind kind,
        Integer percentOff,
        Long amountOffMinor,
        String currency,
        List<String> customerDiscordIds,
        List<Long> productIds,
        Instant startsAt,
        Instant endsAt,
        Integer maxUsesTotal,
        Integer maxUsesPerCustomer,
        int uses,
        boolean active,
        Instant createdAt) {

    public enum Kind {
        PERCENTAGE,
        FIXED_AMOUNT
    }

    public Money amountOff() {
        return amountOffMinor == null ? null : new Money(amountOffMinor, currency);
    }

    boolean inWindow(Instant now) {
        return (startsAt == null || !now.isBefore(startsAt)) && (endsAt == null || now.isBefore(endsAt));
    }

    boolean forCustomer(String discordUserId) {
        return customerDiscordIds.isEmpty() || customerDiscordIds.contains(discordUserId);
    }

    boolean totalLimitReached() {
        return maxUsesTotal != null && uses >= maxUsesTotal;
    }

    boolean covers(long productId) {
        return productIds.isEmpty() || productIds.contains(productId);
    }

    /** What it takes off lines totalling {@code eligibleMinor} (never more than they cost). */
    long amountFor(long eligibleMinor) {
        if (eligibleMinor <= 0) {
            return 0;
        }
        // Rounded down: the shop never gives away a fraction of a cent more than it advertised.
        long off = kind == Kind.PERCENTAGE ? eligibleMinor * percentOff / 100 : amountOffMinor;
        return Math.min(off, eligibleMinor);
    }
}
