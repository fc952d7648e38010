package app.ledgerline.platform;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/** An amount in integer minor units (cents) of an ISO 4217 currency. */
public record Money(long amountMinor, String currency) {

    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    public Money plus(long minor) {
        return new Money(Math.addExact(amountMinor, minor), currency);
    }

    public String formatted() {
        Currency unit = Currency.getInstance(currency);
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        format.setCurrency(unit);
        return format.format(BigDecimal.valueOf(amountMinor, Math.max(0, unit.getDefaultFractionDigits())));
    }
}
