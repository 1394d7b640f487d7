//! Words of imports (filled in by its issue).
