-- Login, tokens and audit (issue 4).

-- Integrator scopes. Null: a token made before scopes existed; an INTEGRATOR token then reads the catalog and orders.
alter table api_token add column scopes     text[];
alter table api_token add column created_by text;
create index api_token_created_idx on api_token (id desc);

-- Every ADMIN and STAFF mutation, who did it, with what (secrets redacted) and what came of it.
create table audit_log (
    id          bigserial primary key,
    at          timestamptz not null default now(),
    actor       text        not null,
    actor_role  text        not null,
    operation   text,
    field       text        not null,
    arguments   jsonb       not null default '{}',
    outcome     text        not null check (outcome in ('OK', 'PROBLEMS', 'ERROR')),
    problems    jsonb,
    target_id   text,
    after       jsonb,
    client_ip   text
);
create index audit_log_actor_idx on audit_log (actor, id desc);
