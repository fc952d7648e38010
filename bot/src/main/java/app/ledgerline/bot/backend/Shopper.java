package app.ledgerline.bot.backend;

import java.util.List;

/** The acting Discord user, as the backend's {@code ShopperInput} expects it. */
public record Shopper(String discordUserId, String username, String displayName, List<String> roleIds) {

    public Shopper {
        roleIds = List.copyOf(roleIds);
    }
}
