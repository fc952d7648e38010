package app.ledgerline.bot.checkout;

import app.ledgerline.bot.backend.Problem;
import app.ledgerline.bot.backend.ShippingAddress;
import discord4j.core.object.component.ActionRow;
import discord4j.core.object.component.TextInput;
import discord4j.core.spec.InteractionPresentModalSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The shipping address form. A Discord modal holds at most five inputs, so the street takes two lines in one
 * paragraph input and city and state share one ("Springfield, IL"). The backend validates the result (country code,
 * postal code for that country) and its problems are turned into plain words here.
 */
public final class AddressForm {

    static final String NAME = "name";
    static final String STREET = "street";
    static final String CITY = "city";
    static final String POSTAL_CODE = "postal";
    static final String COUNTRY = "country";

    private AddressForm() {
    }

    /** The form, filled in with {@code current} when given. */
    public static InteractionPresentModalSpec modal(String customId, String title, ShippingAddress current) {
        TextInput name = TextInput.small(NAME, "Full name", 1, 100).required().placeholder("Ann Lee");
        TextInput street = TextInput.paragraph(STREET, "Street address (2nd line optional)", 1, 401).required()
                .placeholder("1 Main St\nApt 4");
        TextInput city = TextInput.small(CITY, "City, state / region", 1, 202).required().placeholder("Springfield, IL");
        TextInput postal = TextInput.small(POSTAL_CODE, "Postal code", 2, 12).required().placeholder("62701");
        TextInput country = TextInput.small(COUNTRY, "Country code (2 letters, e.g. US)", 2, 2).required().placeholder("US");
        if (current != null) {
            name = name.prefilled(current.name());
            street = street.prefilled(current.line2() == null ? current.line1() : current.line1() + "\n" + current.line2());
            city = city.prefilled(current.region() == null ? current.city() : current.city() + ", " + current.region());
            postal = postal.prefilled(current.postalCode());
            country = country.prefilled(current.country());
        }
        return InteractionPresentModalSpec.builder()
                .customId(customId)
                .title(title)
                .addComponent(ActionRow.of(name))
                .addComponent(ActionRow.of(street))
                .addComponent(ActionRow.of(city))
                .addComponent(ActionRow.of(postal))
                .addComponent(ActionRow.of(country))
                .build();
    }

    /** What the customer typed, split into the backend's address fields. */
    public static ShippingAddress read(Map<String, String> values) {
        String[] street = values.getOrDefault(STREET, "").strip().split("\\R", 2);
        String line2 = street.length > 1 ? street[1].strip().replaceAll("\\s*\\R\\s*", ", ") : null;
        String cityAndRegion = values.getOrDefault(CITY, "").strip();
        int comma = cityAndRegion.lastIndexOf(',');
        String city = comma < 0 ? cityAndRegion : cityAndRegion.substring(0, comma).strip();
        String region = comma < 0 ? null : cityAndRegion.substring(comma + 1).strip();
        return new ShippingAddress(null, values.getOrDefault(NAME, "").strip(), street[0].strip(),
                line2 == null || line2.isBlank() ? null : line2, city, region == null || region.isBlank() ? null : region,
                values.getOrDefault(POSTAL_CODE, "").strip(), values.getOrDefault(COUNTRY, "").strip(), null);
    }

    /** The backend's problems with the address, in the form's own words. */
    public static String explain(List<Problem> problems) {
        return problems.stream().map(AddressForm::explain).distinct().collect(Collectors.joining(" "));
    }

    private static String explain(Problem problem) {
        String field = problem.field() == null ? "" : problem.field();
        if (field.endsWith(".country")) {
            return "The country must be a two-letter code such as US, CA or GB.";
        }
        if (field.endsWith(".postalCode")) {
            return problem.message().replaceFirst("^'[^']*' is", "The postal code is") + ".";
        }
        if (field.endsWith(".name")) {
            return "Please give a name of at most 100 characters.";
        }
        if (field.endsWith(".line1") || field.endsWith(".line2")) {
            return "Each street line may hold at most 200 characters.";
        }
        if (field.endsWith(".city") || field.endsWith(".region")) {
            return "City and state may hold at most 100 characters each.";
        }
        return problem.message();
    }
}
