package app.ledgerline.alerts;

import java.util.List;

public record AlertFilter(List<AlertKind> kinds, List<Alerts.Severity> severities, Boolean acknowledged, String productId,
                          String orderId) {

    static final AlertFilter NONE = new AlertFilter(null, null, null, null, null);
}
