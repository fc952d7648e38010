package app.ledgerline.customers;

import app.ledgerline.platform.Validator;
import java.util.List;

/** The Discord user the bot acts for, with the role ids it read from the shop guild. */
public record ShopperInput(String discordUserId, String username, String displayName, List<String> roleIds) {

    public ShopperInput {
        roleIds = roleIds == null ? List.of() : List.copyOf(roleIds);
    }

    public void validate(Validator v, String path) {
        v.snowflake(path + ".discordUserId", discordUserId)
                .text(path + ".username", username, 1, 100)
                .optionalText(path + ".displayName", displayName, 100)
                .snowflakes(path + ".roleIds", roleIds, 250);
    }

    /** How the shopper appears as the actor of what they change. */
    public String actor() {
        return "discord:" + discordUserId;
    }
}
