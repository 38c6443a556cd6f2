-- The analytics store: one row per enriched event. The primary key on event_id makes every write
-- idempotent, so a replay after a crash never creates a second row.
BEGIN;
SELECT pg_advisory_xact_lock(727272);

CREATE TABLE IF NOT EXISTS analytics_events
(
    event_id     uuid        PRIMARY KEY,
    user_id      text        NOT NULL,
    event_type   text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    received_at  timestamptz NOT NULL,
    processed_at timestamptz NOT NULL,
    stored_at    timestamptz NOT NULL DEFAULT now(),
    sequence     bigint      NOT NULL,
    document     jsonb       NOT NULL,
    -- The raw-topic message it came from: the same position again is a redelivery, not a duplicate.
    source_partition integer NOT NULL,
    source_offset    bigint  NOT NULL
);

-- Serves the enrichment grain's "last sequence of this user" at activation.
CREATE INDEX IF NOT EXISTS ix_analytics_events_user_sequence ON analytics_events (user_id, sequence DESC);

COMMIT;
