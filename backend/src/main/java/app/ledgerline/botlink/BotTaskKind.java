package app.ledgerline.botlink;

public enum BotTaskKind {
    GRANT_ROLE,
    REVOKE_ROLE,
    SEND_DM,
    POST_ANNOUNCEMENT
}
