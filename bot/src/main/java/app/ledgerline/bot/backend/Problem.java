package app.ledgerline.bot.backend;

/** A typed business failure the backend returned; {@code productId} is set when it concerns one cart line. */
public record Problem(String code, String message, String field, String productId) {

    public boolean isDiscount() {
        return code.startsWith("DISCOUNT_");
    }
}
