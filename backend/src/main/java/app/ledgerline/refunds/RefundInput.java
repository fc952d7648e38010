package app.ledgerline.refunds;

import java.util.List;

public record RefundInput(String number, Long amountMinor, String reason, String reference, List<LineInput> lines) {

    public record LineInput(String productId, Integer quantity, Boolean restock) {
    }

    public RefundInput {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
