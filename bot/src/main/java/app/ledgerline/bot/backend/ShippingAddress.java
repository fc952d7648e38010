package app.ledgerline.bot.backend;

/** A shipping address as the customer gave it (the backend's {@code AddressInput}); {@code id} is set once saved. */
public record ShippingAddress(String id, String name, String line1, String line2, String city, String region,
                              String postalCode, String country, String phone) {

    /** One line for a button or a summary: "Ann Lee, 1 Main St, Springfield IL 62701, US". */
    public String oneLine() {
        StringBuilder text = new StringBuilder(name).append(", ").append(line1);
        if (line2 != null && !line2.isBlank()) {
            text.append(", ").append(line2);
        }
        text.append(", ").append(city);
        if (region != null && !region.isBlank()) {
            text.append(' ').append(region);
        }
        return text.append(' ').append(postalCode).append(", ").append(country).toString();
    }

    java.util.Map<String, Object> input() {
        var input = new java.util.LinkedHashMap<String, Object>();
        input.put("name", name);
        input.put("line1", line1);
        input.put("line2", line2);
        input.put("city", city);
        input.put("region", region);
        input.put("postalCode", postalCode);
        input.put("country", country);
        input.put("phone", phone);
        return input;
    }
}
