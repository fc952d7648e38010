package app.ledgerline.bot.discord;

import discord4j.core.object.component.TopLevelMessageComponent;
import java.util.List;

/** What the bot shows in answer to one interaction: content (at most 2,000 characters) and up to 5 component rows. */
public record Screen(String content, List<TopLevelMessageComponent> components) {

    public static final int MAX_CONTENT = 2000;
    public static final int MAX_ROWS = 5;

    public Screen {
        if (content.length() > MAX_CONTENT) {
            throw new IllegalArgumentException("content longer than " + MAX_CONTENT + " characters: " + content.length());
        }
        if (components.size() > MAX_ROWS) {
            throw new IllegalArgumentException("more than " + MAX_ROWS + " component rows");
        }
        components = List.copyOf(components);
    }

    public static Screen text(String content) {
        return new Screen(content, List.of());
    }
}
