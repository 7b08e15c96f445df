-- Webhooks: merchants' subscriptions, and the outbox of deliveries written in the same
-- transaction as the events that cause them (SQLite's migration 008). Times in milliseconds.
CREATE TABLE webhook_subscriptions (
    id         bigserial PRIMARY KEY,
    account    text NOT NULL,
    url        text NOT NULL,
    statuses   text NOT NULL DEFAULT '',
    secret     text NOT NULL,
    created_at bigint NOT NULL
);
CREATE TABLE webhook_deliveries (
    id              bigserial PRIMARY KEY,
    subscription_id bigint NOT NULL,
    event_id        text NOT NULL,
    airwaybill      text NOT NULL,
    status          text NOT NULL,
    payload         text NOT NULL,
    state           text NOT NULL DEFAULT 'pending',
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at bigint NOT NULL,
    locked_until    bigint NOT NULL DEFAULT 0,
    last_code       integer NOT NULL DEFAULT 0,
    last_answer     text NOT NULL DEFAULT '',
    created_at      bigint NOT NULL,
    updated_at      bigint NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_queue ON webhook_deliveries (subscription_id, airwaybill, id)
    WHERE state = 'pending';
CREATE INDEX webhook_deliveries_by_airwaybill ON webhook_deliveries (airwaybill, id);
INSERT INTO meta (key, value) VALUES ('webhooks_version', 1);
