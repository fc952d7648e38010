package app.ledgerline.bot.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
public class BotConfiguration {

    @Bean
    BotProperties botProperties(Environment environment) {
        return BotProperties.load(environment);
    }
}
