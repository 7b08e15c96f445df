-- The tariff year an account's pricedev service codes are written in (REG19 or REG23). Accounts
-- made before it keep the 2019 codes they were answered with; new ones are given 2023.
ALTER TABLE accounts ADD COLUMN service_codes INTEGER NOT NULL DEFAULT 2019;
