package app.ledgerline.platform;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An amount in integer minor units (cents) of an ISO 4217 currency. */
public record Money(long amountMinor, String currency) {

    /** One configured format per currency, copied for each use (a format is not thread-safe; building one is slow). */
    private static final Map<String, NumberFormat> FORMATS = new ConcurrentHashMap<>();

    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    public Money plus(long minor) {
        return new Money(Math.addExact(amountMinor, minor), currency);
    }

    public String formatted() {
        Currency unit = Currency.getInstance(currency);
        NumberFormat format = (NumberFormat) FORMATS.computeIfAbsent(currency, code -> {
            NumberFormat configured = NumberFormat.getCurrencyInstance(Locale.US);
            configured.setCurrency(unit);
            return configured;
        }).clone();
        return format.format(BigDecimal.valueOf(amountMinor, Math.max(0, unit.getDefaultFractionDigits())));
    }
}
