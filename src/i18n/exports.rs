//! Words of exports (filled in by its issue).
