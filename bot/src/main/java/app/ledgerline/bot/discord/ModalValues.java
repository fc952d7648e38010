package app.ledgerline.bot.discord;

import discord4j.core.event.domain.interaction.ModalSubmitInteractionEvent;
import discord4j.discordjson.json.ComponentData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The text a user typed into a submitted modal, by input custom id (inputs in action rows or in labels). */
public final class ModalValues {

    private ModalValues() {
    }

    public static Map<String, String> of(ModalSubmitInteractionEvent event) {
        Map<String, String> values = new HashMap<>();
        event.getInteraction().getData().data().toOptional()
                .flatMap(data -> data.components().toOptional())
                .ifPresent(components -> collect(components, values));
        return values;
    }

    private static void collect(List<ComponentData> components, Map<String, String> values) {
        for (ComponentData component : components) {
            if (!component.customId().isAbsent() && !component.value().isAbsent()) {
                values.put(component.customId().get(), component.value().get());
            }
            component.components().toOptional().ifPresent(children -> collect(children, values));
            component.component().toOptional().ifPresent(child -> collect(List.of(child), values));
        }
    }
}
