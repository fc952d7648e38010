package app.ledgerline.orders;

public record PlacementInput(PlacedVia via, String guildId, String channelId) {
}
