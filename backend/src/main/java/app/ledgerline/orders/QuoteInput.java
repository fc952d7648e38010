package app.ledgerline.orders;

import app.ledgerline.customers.ShopperInput;
import java.util.List;

public record QuoteInput(ShopperInput shopper, List<CartLineInput> lines, String discountCode) {
}
