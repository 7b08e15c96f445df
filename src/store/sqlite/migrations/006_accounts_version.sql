-- Accounts change apart from the catalogue: servers reload only what moved.
INSERT INTO meta (key, value) VALUES ('accounts_version', 1);
