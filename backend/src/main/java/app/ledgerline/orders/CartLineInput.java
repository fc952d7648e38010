package app.ledgerline.orders;

public record CartLineInput(String productId, Integer quantity) {
}
