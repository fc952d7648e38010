package app.ledgerline.orders;

/** Where an order was placed: the shop's guild channel, a DM with the bot, or directly through the API. */
public enum PlacedVia {
    GUILD,
    DM,
    API
}
