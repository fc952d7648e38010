package app.ledgerline.bot.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the missing settings as the start-up failure, instead of a stack trace. */
public class MissingConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<MissingConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set the environment variables above (or the ledgerline.bot.* properties) and start the bot again. See bot/README.md.",
                cause);
    }
}
