-- Grain storage (AddAdoNetGrainStorage, Invariant "Npgsql").
-- Rows are found through the two 32-bit hashes Orleans computes; the clear-text columns resolve hash collisions.
-- Version is the ETag: every successful write/clear bumps it, a stale expected version changes nothing.
BEGIN;
SELECT pg_advisory_xact_lock(727272);

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer     NOT NULL,
    GrainIdN0              bigint      NOT NULL,
    GrainIdN1              bigint      NOT NULL,
    GrainTypeHash          integer     NOT NULL,
    GrainTypeString        text        NOT NULL,
    GrainIdExtensionString text        NULL,
    ServiceId              text        NOT NULL,
    PayloadBinary          bytea       NULL,
    Version                integer     NOT NULL,
    ModifiedOn             timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS IX_OrleansStorage_Hashes ON OrleansStorage (GrainIdHash, GrainTypeHash);

-- A function because a first write must check-then-insert under a per-grain lock: each statement of a
-- PL/pgSQL function gets a fresh snapshot, so the existence check sees a row committed by a racing writer.
-- Returns the new version, or NULL when the expected version did not match (Orleans then raises
-- InconsistentStateException).
CREATE OR REPLACE FUNCTION orleans_write_grain_state(
    p_grain_id_hash   integer,
    p_grain_id_n0     bigint,
    p_grain_id_n1     bigint,
    p_grain_type_hash integer,
    p_grain_type      text,
    p_grain_id_ext    text,
    p_service_id      text,
    p_expected        integer,
    p_payload         bytea)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_version integer;
BEGIN
    IF p_expected IS NOT NULL THEN
        UPDATE OrleansStorage s
           SET PayloadBinary = p_payload,
               Version = s.Version + 1,
               ModifiedOn = now()
         WHERE s.GrainIdHash = p_grain_id_hash
           AND s.GrainTypeHash = p_grain_type_hash
           AND s.GrainIdN0 = p_grain_id_n0
           AND s.GrainIdN1 = p_grain_id_n1
           AND s.GrainTypeString = p_grain_type
           AND s.GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_ext
           AND s.ServiceId = p_service_id
           AND s.Version = p_expected
        RETURNING s.Version INTO v_version;
        RETURN v_version;
    END IF;

    PERFORM pg_advisory_xact_lock(p_grain_id_hash, p_grain_type_hash);

    IF EXISTS (SELECT 1
                 FROM OrleansStorage s
                WHERE s.GrainIdHash = p_grain_id_hash
                  AND s.GrainTypeHash = p_grain_type_hash
                  AND s.GrainIdN0 = p_grain_id_n0
                  AND s.GrainIdN1 = p_grain_id_n1
                  AND s.GrainTypeString = p_grain_type
                  AND s.GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_ext
                  AND s.ServiceId = p_service_id) THEN
        RETURN NULL;
    END IF;

    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
         GrainIdExtensionString, ServiceId, PayloadBinary, Version, ModifiedOn)
    VALUES
        (p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash, p_grain_type,
         p_grain_id_ext, p_service_id, p_payload, 1, now());
    RETURN 1;
END
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
('WriteToStorageKey', $q$
SELECT orleans_write_grain_state(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                                 @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary)
       AS NewGrainStateVersion;
$q$),
('ReadFromStorageKey', $q$
SELECT s.PayloadBinary, s.Version
  FROM OrleansStorage s
 WHERE s.GrainIdHash = @GrainIdHash
   AND s.GrainTypeHash = @GrainTypeHash
   AND s.GrainIdN0 = @GrainIdN0
   AND s.GrainIdN1 = @GrainIdN1
   AND s.GrainTypeString = @GrainTypeString
   AND s.GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
   AND s.ServiceId = @ServiceId;
$q$),
('ClearStorageKey', $q$
UPDATE OrleansStorage s
   SET PayloadBinary = NULL,
       Version = s.Version + 1,
       ModifiedOn = now()
 WHERE s.GrainIdHash = @GrainIdHash
   AND s.GrainTypeHash = @GrainTypeHash
   AND s.GrainIdN0 = @GrainIdN0
   AND s.GrainIdN1 = @GrainIdN1
   AND s.GrainTypeString = @GrainTypeString
   AND s.GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
   AND s.ServiceId = @ServiceId
   AND s.Version = @GrainStateVersion
RETURNING s.Version AS NewGrainStateVersion;
$q$),
-- Used only with DeleteStateOnClear = true; Orleans expects the deleted version + 1 back.
('DeleteStorageKey', $q$
DELETE FROM OrleansStorage s
 WHERE s.GrainIdHash = @GrainIdHash
   AND s.GrainTypeHash = @GrainTypeHash
   AND s.GrainIdN0 = @GrainIdN0
   AND s.GrainIdN1 = @GrainIdN1
   AND s.GrainTypeString = @GrainTypeString
   AND s.GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
   AND s.ServiceId = @ServiceId
   AND s.Version = @GrainStateVersion
RETURNING s.Version + 1 AS NewGrainStateVersion;
$q$)
ON CONFLICT (QueryKey) DO UPDATE
    SET QueryText = EXCLUDED.QueryText
    WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;

COMMIT;
