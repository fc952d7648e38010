package app.ledgerline.bot;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.ComponentScan;

/**
 * The Discord bot: a Spring application without a web server and without auto-configuration (it wires its few
 * beans itself, so nothing on the classpath can start a server or a database by surprise).
 */
@SpringBootConfiguration
@ComponentScan
public class BotApplication {

    /** The bot's configuration file is {@code ledgerline-bot.yml}, so it never shadows another module's {@code application.yml}. */
    public static final String CONFIG_NAME = "ledgerline-bot";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(BotApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
