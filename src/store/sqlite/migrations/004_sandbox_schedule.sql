-- The sandbox's schedule: when a shipment's next journey step is due (real time).
ALTER TABLE shipments ADD COLUMN sandbox_due_at INTEGER;
CREATE INDEX shipments_by_sandbox_due ON shipments (sandbox_due_at) WHERE sandbox_due_at IS NOT NULL;
