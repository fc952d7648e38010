package app.ledgerline.inventory;

/** On hand and reserved units of one product; what can still be sold is the difference. */
public record StockLevel(long productId, int onHand, int reserved, int lowStockThreshold) {

    public int available() {
        return onHand - reserved;
    }

    public boolean low() {
        return available() <= lowStockThreshold;
    }
}
