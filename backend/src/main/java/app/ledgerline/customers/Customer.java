package app.ledgerline.customers;

import java.time.Instant;

public record Customer(long id, String discordUserId, String username, String displayName, String notes, Instant createdAt) {
}
