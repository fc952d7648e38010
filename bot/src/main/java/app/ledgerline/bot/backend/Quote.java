package app.ledgerline.bot.backend;

import app.ledgerline.bot.backend.CatalogItem.Money;
import java.util.List;

/** A priced cart, as the backend's {@code quote} and orders return it. */
public record Quote(List<Line> lines, Money subtotal, Discount discount, Money shipping, Money total, boolean requiresShipping) {

    public record Line(String productId, String name, String kind, Money unitPrice, int quantity, Money lineTotal) {
    }

    public record Discount(String name, String code, Money amount) {
    }
}
