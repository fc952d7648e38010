package app.ledgerline.bot.discord;

/**
 * Where an interaction happened, which decides whether the shop answers and how privately.
 *
 * @param ephemeral whether replies are visible only to the user
 */
public record Where(Kind kind, boolean ephemeral) {

    public enum Kind {
        /** One of the configured shop channels (or a thread in one). */
        SHOP_CHANNEL,
        /** Another channel of the shop's guild: the user gets a pointer to the shop channel. */
        SHOP_GUILD_OTHER_CHANNEL,
        /** The user's DM with the bot: replies are ordinary messages. */
        BOT_DM,
        /** The app installed to the user, used in another server or a private channel: private replies. */
        ELSEWHERE
    }

    /** Whether the user's roles must be looked up in the shop guild (the interaction carries no shop member). */
    public boolean needsMemberLookup() {
        return kind != Kind.SHOP_CHANNEL;
    }
}
