//! Unit tests of the Targets screen live in tests/tui_keys (key strings on
//! the real app) and tests/tui_snapshots.
