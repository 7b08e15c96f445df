-- Each subscription's deliveries of one airwaybill are a queue sent in order: only its head, the
-- earliest pending delivery, may be claimed (SQLite's migration 011). The head is marked, so that
-- a claim reads the heads that are due and nothing behind them. Kept by enqueue, record_attempt
-- and replay; an enqueue locks the queue's pending rows, so that a head finished at the same
-- time in another process passes its turn to the new delivery.
ALTER TABLE webhook_deliveries ADD COLUMN head boolean NOT NULL DEFAULT false;
UPDATE webhook_deliveries AS d SET head = true WHERE state = 'pending' AND NOT EXISTS (
    SELECT 1 FROM webhook_deliveries AS e WHERE e.state = 'pending'
    AND e.subscription_id = d.subscription_id AND e.airwaybill = d.airwaybill AND e.id < d.id);
-- A claim reads each subscription's earliest due heads, and counts its leased ones, through
-- these: never every due head (100,000 due at once, after a replay, are not all read).
DROP INDEX webhook_deliveries_due;
CREATE INDEX webhook_deliveries_due_heads ON webhook_deliveries (subscription_id, next_attempt_at, id)
    WHERE state = 'pending' AND head;
CREATE INDEX webhook_deliveries_leased_heads ON webhook_deliveries (subscription_id, locked_until)
    WHERE state = 'pending' AND head;
