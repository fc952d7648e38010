package app.ledgerline.bot.discord;

import app.ledgerline.bot.config.BotProperties;
import discord4j.core.DiscordClient;
import discord4j.core.GatewayDiscordClient;
import discord4j.core.event.domain.interaction.ChatInputInteractionEvent;
import discord4j.core.event.domain.interaction.ComponentInteractionEvent;
import discord4j.core.shard.ShardingStrategy;
import discord4j.discordjson.json.ApplicationCommandRequest;
import discord4j.gateway.intent.IntentSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

/**
 * Connects to the Discord gateway when the application starts, registers the global slash commands (one bulk
 * overwrite), and routes interactions to the commands and component handlers. Interactions need no privileged
 * intent, and no intent at all: the bot asks for none.
 */
@Component
public class DiscordBot implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DiscordBot.class);
    private static final Duration LOGIN_TIMEOUT = Duration.ofMinutes(2);

    private final DiscordClient client;
    private final BotProperties properties;
    private final Map<String, SlashCommand> commands;
    private final List<ComponentHandler> componentHandlers;
    private final Disposable.Composite subscriptions = Disposables.composite();
    private volatile GatewayDiscordClient gateway;

    public DiscordBot(DiscordClient client, BotProperties properties, List<SlashCommand> commands, List<ComponentHandler> componentHandlers) {
        this.client = client;
        this.properties = properties;
        this.commands = commands.stream().collect(Collectors.toUnmodifiableMap(SlashCommand::name, Function.identity()));
        this.componentHandlers = List.copyOf(componentHandlers);
    }

    @Override
    public void start() {
        // Start-up runs on the main thread, never on a Netty thread: waiting here is fine.
        if (properties.registerCommands()) {
            registerCommands().block(LOGIN_TIMEOUT);
        }
        GatewayDiscordClient connected = client.gateway()
                .setSharding(properties.sharding() == BotProperties.Sharding.SINGLE ? ShardingStrategy.single() : ShardingStrategy.recommended())
                .setEnabledIntents(IntentSet.none())
                .login()
                .block(LOGIN_TIMEOUT);
        if (connected == null) {
            throw new IllegalStateException("Discord gateway login returned nothing");
        }
        subscriptions.add(connected.on(ChatInputInteractionEvent.class, this::onCommand).subscribe());
        subscriptions.add(connected.on(ComponentInteractionEvent.class, this::onComponent).subscribe());
        gateway = connected;
        log.info("Connected to Discord as {}; shop guild {}, shop channels {}", connected.getSelfId().asString(),
                Long.toUnsignedString(properties.shopGuildId()), properties.shopChannelIds());
    }

    /** Replaces the application's global commands with exactly this bot's commands. */
    Mono<Void> registerCommands() {
        List<ApplicationCommandRequest> definitions = commands.values().stream()
                .map(SlashCommand::definition)
                .sorted(java.util.Comparator.comparing(ApplicationCommandRequest::name))
                .toList();
        return client.getApplicationId()
                .flatMap(applicationId -> client.getApplicationService()
                        .bulkOverwriteGlobalApplicationCommand(applicationId, definitions)
                        .then())
                .doOnSuccess(ignored -> log.info("Registered global commands {}", commands.keySet()))
                .onErrorResume(e -> {
                    // The commands registered by an earlier start stay usable: keep running.
                    log.error("Could not register the slash commands: {}", e.toString());
                    return Mono.empty();
                });
    }

    private Mono<Void> onCommand(ChatInputInteractionEvent event) {
        SlashCommand command = commands.get(event.getCommandName());
        if (command == null) {
            return Replies.now(event, true, Screen.text("That command is not available anymore. Try `/help`."));
        }
        return command.handle(event).onErrorResume(e -> {
            log.warn("/{} failed: {}", event.getCommandName(), e.toString());
            return Mono.empty();
        });
    }

    private Mono<Void> onComponent(ComponentInteractionEvent event) {
        String customId = event.getCustomId();
        return componentHandlers.stream()
                .filter(handler -> customId.startsWith(handler.prefix()))
                .findFirst()
                .map(handler -> handler.handle(event))
                .orElseGet(() -> Replies.now(event, true, Screen.text("This button is from an older version of the shop. Run `/shop` again.")))
                .onErrorResume(e -> {
                    log.warn("Component {} failed: {}", customId, e.toString());
                    return Mono.empty();
                });
    }

    /** Runs on the context's shutdown thread, never on a Netty thread. */
    @Override
    public void stop() {
        subscriptions.dispose();
        GatewayDiscordClient connected = gateway;
        gateway = null;
        if (connected != null) {
            connected.logout().block(Duration.ofSeconds(10));
        }
    }

    @Override
    public boolean isRunning() {
        return gateway != null;
    }
}
