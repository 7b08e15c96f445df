-- A merchant tracks its shipments by the reference it sent as AWB, as by its airwaybill.
CREATE INDEX shipments_by_reference ON shipments (account, reference_number) WHERE reference_number <> '';
