//! Tests of backup_restore (filled in by its issue).
