package app.ledgerline.customers;

/** A shipping address: a customer's saved one, or the snapshot on an order (id 0, not default). */
public record Address(long id, String name, String line1, String line2, String city, String region, String postalCode,
                      String country, String phone, boolean isDefault) {
}
