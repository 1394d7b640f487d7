//! Words of closing (filled in by its issue).
