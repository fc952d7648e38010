package app.ledgerline.bot.orders;

import discord4j.core.event.domain.interaction.ChatInputInteractionEvent;
import discord4j.core.object.command.ApplicationCommandInteractionOption;
import discord4j.core.object.command.ApplicationCommandInteractionOptionValue;
import discord4j.core.object.command.ApplicationCommandOption;
import discord4j.discordjson.json.ApplicationCommandOptionData;

/** The string options of the order commands: their definitions and how their values are read. */
final class Options {

    static final String NUMBER = "number";
    static final String REFERENCE = "reference";
    /** Order numbers are "LL-" and up to 12 digits; a little slack for spaces around them. */
    static final int MAX_NUMBER = 30;
    static final int MAX_REFERENCE = 100;

    private Options() {
    }

    static ApplicationCommandOptionData number() {
        return ApplicationCommandOptionData.builder()
                .type(ApplicationCommandOption.Type.STRING.getValue())
                .name(NUMBER)
                .description("The order number, like LL-1042 (see /orders)")
                .required(true)
                .minLength(1)
                .maxLength(MAX_NUMBER)
                .build();
    }

    static ApplicationCommandOptionData reference() {
        return ApplicationCommandOptionData.builder()
                .type(ApplicationCommandOption.Type.STRING.getValue())
                .name(REFERENCE)
                .description("The reference of your payment, e.g. the Venmo or Cash App transaction id")
                .required(true)
                .minLength(1)
                .maxLength(MAX_REFERENCE)
                .build();
    }

    /** The option's value, trimmed; empty when it is missing. */
    static String string(ChatInputInteractionEvent event, String name) {
        return event.getOption(name)
                .flatMap(ApplicationCommandInteractionOption::getValue)
                .map(ApplicationCommandInteractionOptionValue::asString)
                .orElse("")
                .strip();
    }
}
