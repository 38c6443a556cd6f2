-- The pipeline journal: what the platform wrote to the embedded, in-memory Kafka broker and the broker's
-- consumers have not yet processed. Written back to the broker at start, trimmed as offsets are committed.
BEGIN IMMEDIATE;

CREATE TABLE IF NOT EXISTS pipeline_journal
(
    sequence    INTEGER NOT NULL PRIMARY KEY,
    topic       TEXT    NOT NULL,
    message_key TEXT,
    value       BLOB    NOT NULL
);

COMMIT;
