//! Words of backups (filled in by its issue).
