-- A NOTIFY holds one database-wide lock from its transaction's commit until that commit is flushed to disk, so all
-- notifying transactions commit one after another. The order placement, the busiest writer, therefore announces its
-- events and bot tasks itself right after its commit (Announcer), and marks its transaction so these triggers skip
-- it. Every other writer is still announced here, at its commit.
create or replace function notify_outbox_event() returns trigger language plpgsql as $$
begin
    if coalesce(current_setting('ledgerline.announced_after_commit', true), '') <> 'on' then
        perform pg_notify('ledgerline_events', json_build_object('id', new.id, 'type', new.type)::text);
    end if;
    return null;
end;
$$;

create or replace function notify_bot_task() returns trigger language plpgsql as $$
begin
    if coalesce(current_setting('ledgerline.announced_after_commit', true), '') <> 'on' then
        perform pg_notify('ledgerline_bot_tasks', new.id::text);
    end if;
    return null;
end;
$$;
