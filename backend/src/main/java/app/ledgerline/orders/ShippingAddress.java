package app.ledgerline.orders;

/** The address an order ships to, copied onto the order when it is placed. */
public record ShippingAddress(String name, String line1, String line2, String city, String region, String postalCode,
                              String country, String phone) {
}
