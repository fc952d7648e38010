package app.ledgerline.discounts;

import app.ledgerline.platform.Money;

/**
 * The one discount an order gets, as the price breakdown names it.
 *
 * @param limitedPerCustomer whether each customer may use it only so often: placing it must then see the customer's
 *                           concurrent orders (a placed order's snapshot says false: no limit applies to it any more)
 */
public record AppliedDiscount(long id, String name, String code, Money amount, boolean limitedPerCustomer) {
}
