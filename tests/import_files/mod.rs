//! Tests of import_files (filled in by its issue).
