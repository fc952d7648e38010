package app.ledgerline.discounts;

import app.ledgerline.platform.Money;

/** The one discount an order gets, as the price breakdown names it. */
public record AppliedDiscount(long id, String name, String code, Money amount) {
}
