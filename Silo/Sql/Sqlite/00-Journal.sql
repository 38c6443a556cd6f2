-- Write-ahead logging lets readers go on while grain storage and the analytics store write.
-- The mode is kept in the database file, so setting it again changes nothing.
PRAGMA journal_mode = WAL;
