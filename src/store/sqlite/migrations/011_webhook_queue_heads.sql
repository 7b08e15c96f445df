-- Each subscription's deliveries of one airwaybill are a queue sent in order: only its head, the
-- earliest pending delivery, may be claimed. The head is marked, so that a claim reads the heads
-- that are due and nothing behind them (a receiver down for a day left 400,000 pending deliveries
-- that every claim walked while holding the writer). Kept by enqueue, record_attempt and replay.
ALTER TABLE webhook_deliveries ADD COLUMN head INTEGER NOT NULL DEFAULT 0;
UPDATE webhook_deliveries SET head = 1 WHERE state = 'pending' AND NOT EXISTS (
    SELECT 1 FROM webhook_deliveries AS e WHERE e.state = 'pending'
    AND e.subscription_id = webhook_deliveries.subscription_id
    AND e.airwaybill = webhook_deliveries.airwaybill AND e.id < webhook_deliveries.id);
-- A claim reads each subscription's earliest due heads, and counts its leased ones, through
-- these: never every due head (100,000 due at once, after a replay, are not all read).
DROP INDEX webhook_deliveries_due;
CREATE INDEX webhook_deliveries_due_heads ON webhook_deliveries (subscription_id, next_attempt_at, id)
    WHERE state = 'pending' AND head = 1;
CREATE INDEX webhook_deliveries_leased_heads ON webhook_deliveries (subscription_id, locked_until)
    WHERE state = 'pending' AND head = 1;
