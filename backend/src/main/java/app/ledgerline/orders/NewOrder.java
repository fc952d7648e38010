package app.ledgerline.orders;

import app.ledgerline.platform.Money;
import java.time.Instant;

/** An order about to be written: what is known of it before its statement runs (its id comes from that statement). */
public record NewOrder(String number, PaymentMethod paymentMethod, Money total, Instant expiresAt) {
}
