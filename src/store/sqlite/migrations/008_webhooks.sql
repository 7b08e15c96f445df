-- Webhooks: merchants' subscriptions, and the outbox of deliveries written in the same
-- transaction as the events that cause them. Times in milliseconds since 1970.
CREATE TABLE webhook_subscriptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account TEXT NOT NULL,
    url TEXT NOT NULL,
    statuses TEXT NOT NULL DEFAULT '',
    secret TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    subscription_id INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    airwaybill TEXT NOT NULL,
    status TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    locked_until INTEGER NOT NULL DEFAULT 0,
    last_code INTEGER NOT NULL DEFAULT 0,
    last_answer TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
-- The sender's question: what is due, and is anything of the same airwaybill ahead of it.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_queue ON webhook_deliveries (subscription_id, airwaybill, id)
    WHERE state = 'pending';
CREATE INDEX webhook_deliveries_by_airwaybill ON webhook_deliveries (airwaybill, id);
INSERT INTO meta (key, value) VALUES ('webhooks_version', 1);
