-- Orleans ADO.NET providers read every query they run from this table (QueryKey -> QueryText).
-- All scripts in this folder are idempotent and serialize on one advisory lock, so several silos
-- starting at the same time can run them concurrently. Requires PostgreSQL 11 or later.
BEGIN;
SELECT pg_advisory_xact_lock(727272);

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT PK_OrleansQuery PRIMARY KEY (QueryKey)
);

COMMIT;
