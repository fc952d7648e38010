package app.ledgerline.bot.backend;

import java.util.List;

/** The answer to {@code claimPayment}: the order when the claim was recorded, else the problems that stopped it. */
public record PaymentClaim(CustomerOrder order, List<Problem> problems) {

    public PaymentClaim {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    public boolean recorded() {
        return problems.isEmpty() && order != null;
    }
}
