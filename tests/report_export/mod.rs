//! Tests of report_export (filled in by its issue).
