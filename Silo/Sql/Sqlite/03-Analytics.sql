-- The analytics store (see the PostgreSQL script): event_id is the primary key, so writes are idempotent.
BEGIN IMMEDIATE;

CREATE TABLE IF NOT EXISTS analytics_events
(
    event_id     TEXT    NOT NULL PRIMARY KEY,
    user_id      TEXT    NOT NULL,
    event_type   TEXT    NOT NULL,
    occurred_at  TEXT    NOT NULL,
    received_at  TEXT    NOT NULL,
    processed_at TEXT    NOT NULL,
    stored_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    sequence     INTEGER NOT NULL,
    document     TEXT    NOT NULL,
    source_partition INTEGER NOT NULL,
    source_offset    INTEGER NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_analytics_events_user_sequence ON analytics_events (user_id, sequence DESC);

COMMIT;
