package app.ledgerline.customers;

import app.ledgerline.platform.Validator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

public record AddressInput(String name, String line1, String line2, String city, String region, String postalCode,
                           String country, String phone) {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern GENERIC_POSTAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 -]{1,9}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().-]{5,25}");
    private static final Map<String, Pattern> POSTAL_BY_COUNTRY = Map.of(
            "US", Pattern.compile("[0-9]{5}(-[0-9]{4})?"),
            "CA", Pattern.compile("[A-Za-z][0-9][A-Za-z] ?[0-9][A-Za-z][0-9]"),
            "GB", Pattern.compile("[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}"),
            "DE", Pattern.compile("[0-9]{5}"),
            "FR", Pattern.compile("[0-9]{5}"),
            "AU", Pattern.compile("[0-9]{4}"),
            "NL", Pattern.compile("[0-9]{4} ?[A-Za-z]{2}"));

    /** Trimmed, with the country upper-cased. */
    public AddressInput normalized() {
        return new AddressInput(strip(name), strip(line1), blankToNull(line2), strip(city), blankToNull(region),
                strip(postalCode), country == null ? null : country.strip().toUpperCase(Locale.ROOT), blankToNull(phone));
    }

    public void validate(Validator v, String path) {
        v.text(path + ".name", name, 1, 100)
                .text(path + ".line1", line1, 1, 200)
                .optionalText(path + ".line2", line2, 200)
                .text(path + ".city", city, 1, 100)
                .optionalText(path + ".region", region, 100);
        String code = country == null ? "" : country.strip().toUpperCase(Locale.ROOT);
        v.check(COUNTRIES.contains(code), path + ".country", "'" + path + ".country' must be an ISO 3166-1 alpha-2 code such as US, got '" + country + "'");
        Pattern postal = POSTAL_BY_COUNTRY.getOrDefault(code, GENERIC_POSTAL);
        v.check(postalCode != null && postal.matcher(postalCode.strip()).matches(), path + ".postalCode",
                "'" + path + ".postalCode' is not a valid postal code" + (COUNTRIES.contains(code) ? " for " + code : ""));
        if (phone != null && !phone.isBlank()) {
            v.check(PHONE.matcher(phone.strip()).matches(), path + ".phone", "'" + path + ".phone' must be a phone number");
        }
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
