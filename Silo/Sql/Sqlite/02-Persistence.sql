-- Grain storage (AddAdoNetGrainStorage, Invariant "System.Data.SQLite", served by Microsoft.Data.Sqlite).
-- Rows are found through the two 32-bit hashes Orleans computes; the clear-text columns resolve hash collisions.
-- Version is the ETag: every successful write/clear bumps it, a stale expected version changes nothing.
-- Needs SQLite 3.35+ (RETURNING); Microsoft.Data.Sqlite bundles a newer one.
BEGIN IMMEDIATE;

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            INTEGER NOT NULL,
    GrainIdN0              INTEGER NOT NULL,
    GrainIdN1              INTEGER NOT NULL,
    GrainTypeHash          INTEGER NOT NULL,
    GrainTypeString        TEXT    NOT NULL,
    GrainIdExtensionString TEXT    NULL,
    ServiceId              TEXT    NOT NULL,
    PayloadBinary          BLOB    NULL,
    Version                INTEGER NOT NULL,
    ModifiedOn             TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- The platform's own grain storage (SqliteGrainStorage, group commit) keeps state here, one row per state of a
-- grain; OrleansStorage above is only read, for grains written before it existed. Version is the ETag.
CREATE TABLE IF NOT EXISTS GrainState
(
    ServiceId  TEXT    NOT NULL,
    StateName  TEXT    NOT NULL,
    GrainId    TEXT    NOT NULL,
    Payload    BLOB    NULL,
    Version    INTEGER NOT NULL,
    ModifiedOn TEXT    NOT NULL,
    PRIMARY KEY (ServiceId, StateName, GrainId)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS IX_OrleansStorage_Hashes ON OrleansStorage (GrainIdHash, GrainTypeHash);

-- One row per grain; a racing first write hits this and inserts nothing. The extra IS NULL term keeps a
-- NULL extension distinct from an empty one.
CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage_Grain ON OrleansStorage
    (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, ifnull(GrainIdExtensionString, ''), GrainIdExtensionString IS NULL);

-- WriteToStorageKey runs two statements and only one can change a row: the UPDATE when the grain knows a
-- version, the INSERT for a first write. Each returns NewGrainStateVersion only for a row it changed, so a
-- stale ETag or a lost first-write race yields no row and Orleans raises InconsistentStateException.
INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
('WriteToStorageKey', '
UPDATE OrleansStorage
   SET PayloadBinary = @PayloadBinary,
       Version = Version + 1,
       ModifiedOn = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
 WHERE @GrainStateVersion IS NOT NULL
   AND GrainIdHash = @GrainIdHash
   AND GrainTypeHash = @GrainTypeHash
   AND GrainIdN0 = @GrainIdN0
   AND GrainIdN1 = @GrainIdN1
   AND GrainTypeString = @GrainTypeString
   AND GrainIdExtensionString IS @GrainIdExtensionString
   AND ServiceId = @ServiceId
   AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;

INSERT INTO OrleansStorage
    (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
     GrainIdExtensionString, ServiceId, PayloadBinary, Version)
SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
       @GrainIdExtensionString, @ServiceId, @PayloadBinary, 1
 WHERE @GrainStateVersion IS NULL
ON CONFLICT DO NOTHING
RETURNING Version AS NewGrainStateVersion;
'),
('ReadFromStorageKey', '
SELECT PayloadBinary, Version
  FROM OrleansStorage
 WHERE GrainIdHash = @GrainIdHash
   AND GrainTypeHash = @GrainTypeHash
   AND GrainIdN0 = @GrainIdN0
   AND GrainIdN1 = @GrainIdN1
   AND GrainTypeString = @GrainTypeString
   AND GrainIdExtensionString IS @GrainIdExtensionString
   AND ServiceId = @ServiceId;
'),
('ClearStorageKey', '
UPDATE OrleansStorage
   SET PayloadBinary = NULL,
       Version = Version + 1,
       ModifiedOn = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
 WHERE GrainIdHash = @GrainIdHash
   AND GrainTypeHash = @GrainTypeHash
   AND GrainIdN0 = @GrainIdN0
   AND GrainIdN1 = @GrainIdN1
   AND GrainTypeString = @GrainTypeString
   AND GrainIdExtensionString IS @GrainIdExtensionString
   AND ServiceId = @ServiceId
   AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;
'),
-- Used only with DeleteStateOnClear = true; Orleans expects the deleted version + 1 back.
('DeleteStorageKey', '
DELETE FROM OrleansStorage
 WHERE GrainIdHash = @GrainIdHash
   AND GrainTypeHash = @GrainTypeHash
   AND GrainIdN0 = @GrainIdN0
   AND GrainIdN1 = @GrainIdN1
   AND GrainTypeString = @GrainTypeString
   AND GrainIdExtensionString IS @GrainIdExtensionString
   AND ServiceId = @ServiceId
   AND Version = @GrainStateVersion
RETURNING Version + 1 AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE
    SET QueryText = excluded.QueryText
    WHERE QueryText IS NOT excluded.QueryText;

COMMIT;
