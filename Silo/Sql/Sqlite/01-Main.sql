-- Orleans ADO.NET providers read every query they run from this table (QueryKey -> QueryText).
-- BEGIN IMMEDIATE takes the write lock up front so concurrent start-ups apply the scripts one at a time.
BEGIN IMMEDIATE;

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

COMMIT;
