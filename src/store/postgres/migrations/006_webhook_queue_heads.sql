-- Each subscription's deliveries of one airwaybill are a queue sent in order: only its head, the
-- earliest pending delivery, may be claimed (SQLite's migration 011). The head is marked, so that
-- a claim reads the heads that are due and nothing behind them. Kept by enqueue, record_attempt
-- and replay; an enqueue locks the queue's pending rows, so that a head finished at the same
-- time in another process passes its turn to the new delivery.
ALTER TABLE webhook_deliveries ADD COLUMN head boolean NOT NULL DEFAULT false;
UPDATE webhook_deliveries AS d SET head = true WHERE state = 'pending' AND NOT EXISTS (
    SELECT 1 FROM webhook_deliveries AS e WHERE e.state = 'pending'
    AND e.subscription_id = d.subscription_id AND e.airwaybill = d.airwaybill AND e.id < d.id);
DROP INDEX webhook_deliveries_due;
CREATE INDEX webhook_deliveries_due_heads ON webhook_deliveries (next_attempt_at)
    WHERE state = 'pending' AND head;
