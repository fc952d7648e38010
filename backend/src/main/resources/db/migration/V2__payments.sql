-- Payments, refunds, entitlements, the bot's task stream, shop settings and the event notification of the outbox.

-- How each payment method is offered; a method not enabled here cannot be chosen.
create table payment_method_setting (
    method        text primary key check (method in ('BTC', 'VENMO', 'CASH_APP', 'INVOICE')),
    enabled       boolean     not null default false,
    -- Venmo/Cash App handle, or the shop's BTC address for manual BTC
    handle        text,
    -- invoices: days until due
    due_days      integer check (due_days between 1 and 365),
    instructions  text,
    updated_at    timestamptz not null default now()
);
insert into payment_method_setting (method, enabled, due_days) values
    ('VENMO', false, null), ('CASH_APP', false, null), ('BTC', false, null), ('INVOICE', false, 14);

-- One row: shop-wide switches for Discord announcements.
create table shop_setting (
    id                         boolean primary key default true check (id),
    low_stock_announcements    boolean not null default false,
    announcement_channel_id    text check (announcement_channel_id ~ '^[0-9]{1,20}$'),
    staff_alert_channel_id     text check (staff_alert_channel_id ~ '^[0-9]{1,20}$'),
    updated_at                 timestamptz not null default now()
);
insert into shop_setting default values;

create sequence invoice_number_seq start with 1001;

create table payment (
    id                  bigserial primary key,
    order_id            bigint      not null unique references customer_order (id),
    method              text        not null check (method in ('BTC', 'VENMO', 'CASH_APP', 'INVOICE')),
    amount_minor        bigint      not null check (amount_minor >= 0),
    currency            char(3)     not null,
    status              text        not null check (status in ('AWAITING', 'CLAIMED', 'CONFIRMED', 'FAILED', 'EXPIRED', 'REFUNDED')),
    -- what the customer said when claiming, and what the admin or provider confirmed
    claimed_reference   text,
    claimed_at          timestamptz,
    external_reference  text,
    received_minor      bigint check (received_minor >= 0),
    confirmed_by        text,
    confirmed_at        timestamptz,
    failure_reason      text,
    -- shown to the customer: handle or address in force when the order was placed
    pay_to              text,
    -- BTCPay Server
    provider_invoice_id text unique,
    checkout_url        text,
    -- invoices
    invoice_number      text unique,
    due_at              timestamptz,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now()
);
create index payment_status_idx on payment (status, id desc);

create table payment_event (
    id          bigserial primary key,
    payment_id  bigint      not null references payment (id),
    from_status text,
    to_status   text,
    note        text,
    actor       text        not null,
    created_at  timestamptz not null default now()
);
create index payment_event_payment_idx on payment_event (payment_id, id);

create table refund (
    id            bigserial primary key,
    order_id      bigint      not null references customer_order (id),
    amount_minor  bigint      not null check (amount_minor > 0),
    currency      char(3)     not null,
    reason        text        not null,
    reference     text,
    actor         text        not null,
    created_at    timestamptz not null default now()
);
create index refund_order_idx on refund (order_id);

create table refund_line (
    refund_id   bigint  not null references refund (id),
    product_id  bigint  not null references product (id),
    quantity    integer not null check (quantity > 0),
    restocked   boolean not null,
    primary key (refund_id, product_id)
);

-- A Discord role a paid order granted; revoked by a refund.
create table entitlement (
    id           bigserial primary key,
    order_id     bigint      not null references customer_order (id),
    customer_id  bigint      not null references customer (id),
    product_id   bigint      not null references product (id),
    role_id      text        not null check (role_id ~ '^[0-9]{1,20}$'),
    status       text        not null check (status in ('GRANTING', 'GRANTED', 'GRANT_FAILED', 'REVOKING', 'REVOKED')),
    granted_at   timestamptz,
    revoked_at   timestamptz,
    created_at   timestamptz not null default now(),
    unique (order_id, product_id, role_id)
);
create index entitlement_customer_idx on entitlement (customer_id);

-- Discord side effects for the bot, written in the transaction of their cause.
create table bot_task (
    id                  bigserial primary key,
    kind                text        not null check (kind in ('GRANT_ROLE', 'REVOKE_ROLE', 'SEND_DM', 'POST_ANNOUNCEMENT')),
    payload             jsonb       not null,
    status              text        not null default 'PENDING' check (status in ('PENDING', 'DONE', 'FAILED')),
    attempts            integer     not null default 0,
    next_attempt_at     timestamptz not null default now(),
    last_error          text,
    last_error_code     integer,
    order_id            bigint references customer_order (id),
    entitlement_id      bigint references entitlement (id),
    created_at          timestamptz not null default now(),
    finished_at         timestamptz
);
create index bot_task_due_idx on bot_task (next_attempt_at, id) where status = 'PENDING';

-- Provider webhook deliveries already handled, so a repeated delivery changes nothing twice.
create table webhook_delivery (
    provider      text        not null,
    delivery_id   text        not null,
    event_type    text        not null,
    received_at   timestamptz not null default now(),
    primary key (provider, delivery_id)
);

-- Every outgoing event is announced on commit to every backend instance listening (NOTIFY is transactional).
create function notify_outbox_event() returns trigger language plpgsql as $$
begin
    perform pg_notify('ledgerline_events', json_build_object('id', new.id, 'type', new.type)::text);
    return null;
end;
$$;
create trigger outbox_event_notify after insert on outbox_event for each row execute function notify_outbox_event();

alter table alert add column acknowledged_note text;
create index alert_kind_idx on alert (kind, id desc);

-- New bot tasks are announced on commit, so a connected bot receives them at once.
create function notify_bot_task() returns trigger language plpgsql as $$
begin
    perform pg_notify('ledgerline_bot_tasks', new.id::text);
    return null;
end;
$$;
create trigger bot_task_notify after insert on bot_task for each row execute function notify_bot_task();
