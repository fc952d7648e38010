package app.ledgerline.orders;

public record UpdateOrderStatusInput(String number, OrderStatus status, String note) {
}
