package app.ledgerline.bot.discord;

import java.util.regex.Pattern;

/** Shop texts inside Discord messages. */
public final class Text {

    private static final Pattern MARKDOWN = Pattern.compile("([\\\\*_~`|>#\\[\\]()-])");

    private Text() {
    }

    /** At most {@code max} characters, with an ellipsis when cut. */
    public static String cut(String text, int max) {
        String value = text == null ? "" : text;
        return value.length() <= max ? value : value.substring(0, Math.max(0, max - 1)) + "…";
    }

    /** Shop data (product names, addresses) is not markup: Discord's markdown characters are escaped. */
    public static String escape(String text) {
        return MARKDOWN.matcher(text).replaceAll("\\\\$1");
    }
}
