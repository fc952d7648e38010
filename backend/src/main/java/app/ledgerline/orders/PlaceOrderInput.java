package app.ledgerline.orders;

import app.ledgerline.customers.AddressInput;
import app.ledgerline.customers.ShopperInput;
import java.util.List;

public record PlaceOrderInput(ShopperInput shopper, List<CartLineInput> lines, String discountCode,
                              PaymentMethod paymentMethod, AddressInput shippingAddress, PlacementInput placement) {
}
