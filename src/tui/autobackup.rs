//! The daily automatic backup, started once the first screen is drawn.
//!
//! At 100,000 households a backup takes a few seconds (2.6-10 s measured on
//! a busy 2-core machine, see docs/PERFORMANCE.md), far too long to hold the
//! first screen back, so it runs on its own thread while the clerk looks at
//! the dashboard; the footer
//! says "Đang sao lưu…" and then names the file (or says why it failed). A
//! save made meanwhile waits for the copy to finish, so the copy stays
//! consistent. Quitting cancels a copy still running: it stops within a few
//! thousand entries and leaves no file (the copy is written to a temporary
//! name and renamed only when complete), and the next start takes it again.

use super::app::{App, Tone};
use crate::i18n::backups::{BackupText as B, backup_error};
use crate::store::backup::{BackupError, BackupJob, Written};

pub enum DailyBackup {
    NotStarted,
    Running(BackupJob),
    Over,
}

impl DailyBackup {
    /// Starts the copy if today's is due, or reports it once it is over.
    /// Called after every frame.
    pub fn step(&mut self, app: &mut App) {
        *self = match std::mem::replace(self, DailyBackup::Over) {
            DailyBackup::NotStarted => match app.store.start_daily_backup() {
                None => DailyBackup::Over,
                Some(Ok(job)) => {
                    if app.status.is_none() {
                        app.status = Some((B::Running.get(app.lang).to_string(), Tone::Info));
                    }
                    DailyBackup::Running(job)
                }
                Some(Err(e)) => {
                    report(app, Err(e));
                    DailyBackup::Over
                }
            },
            DailyBackup::Running(job) if job.is_finished() => {
                report(app, job.wait());
                DailyBackup::Over
            }
            other => other,
        };
    }

    /// Cancels a copy still running and waits for it to stop.
    pub fn stop(self) {
        if let DailyBackup::Running(job) = self {
            let _ = job.cancel();
        }
    }
}

/// A finished copy replaces only its own "Đang sao lưu…"; a failure is
/// always shown, since the clerk must know there is no fresh copy.
fn report(app: &mut App, result: Result<Written, BackupError>) {
    let running = B::Running.get(app.lang);
    match result {
        Ok(written) if !written.future_dated.is_empty() => {
            app.status = Some((crate::i18n::backups::future_dated(app.lang, &written.future_dated), Tone::Bad));
        }
        Ok(written) => {
            if app.status.as_ref().is_some_and(|(text, _)| text == running) {
                let name = written.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                app.status = Some((format!("{} {name}", B::AutoDone.get(app.lang)), Tone::Good));
            }
            // A folder grown well past its live size: compaction offered.
            super::compact::consider(app, &written);
        }
        Err(e) => app.status = Some((backup_error(app.lang, &e), Tone::Bad)),
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use chrono::NaiveDate;

    use super::*;
    use crate::demo::{DemoOptions, generate};
    use crate::domain::Lang;
    use crate::store::backup::{auto, verify};
    use crate::store::{Clock, OpenOptions, Store};

    fn demo_app(tmp: &tempfile::TempDir) -> App {
        let now = NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(9, 0, 0)).unwrap();
        let mut store = Store::open(&tmp.path().join("db"), &OpenOptions::default()).unwrap();
        store.set_clock(Clock::Fixed(now));
        generate(&store, &DemoOptions { households: 300, seed: 1, today: now.date() }).unwrap();
        App::new(store, Lang::Vi).unwrap()
    }

    fn wait_until_finished(daily: &DailyBackup) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while let DailyBackup::Running(job) = daily {
            if job.is_finished() {
                return;
            }
            assert!(Instant::now() < deadline, "the backup never finished");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    #[test]
    fn the_daily_copy_says_it_is_running_then_names_its_file_once_a_day() {
        let tmp = tempfile::tempdir().unwrap();
        let mut app = demo_app(&tmp);
        let mut daily = DailyBackup::NotStarted;
        daily.step(&mut app);
        assert_eq!(app.status, Some(("Đang sao lưu…".to_string(), Tone::Info)));
        wait_until_finished(&daily);
        daily.step(&mut app);
        assert!(matches!(daily, DailyBackup::Over));
        let said = Some(("Đã sao lưu tự động: 2026-11-23-090000.soxabak".to_string(), Tone::Good));
        assert_eq!(app.status, said);
        assert!(verify(&tmp.path().join("db/backups/2026-11-23-090000.soxabak")).is_ok());

        // Opened again the same day: no second copy, nothing said.
        app.status = None;
        let mut again = DailyBackup::NotStarted;
        again.step(&mut app);
        assert!(matches!(again, DailyBackup::Over));
        assert_eq!(app.status, None);
        assert_eq!(auto::list(&tmp.path().join("db")).len(), 1);
    }

    #[test]
    fn backups_dated_in_the_future_are_told_in_the_footer_and_the_copy_is_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let mut app = demo_app(&tmp);
        let backups = tmp.path().join("db/backups");
        std::fs::create_dir_all(&backups).unwrap();
        for day in 1..=7 {
            std::fs::write(backups.join(format!("2099-01-0{day}-000000.soxabak")), b"x").unwrap();
        }
        let mut daily = DailyBackup::NotStarted;
        daily.step(&mut app);
        wait_until_finished(&daily);
        daily.step(&mut app);
        let (said, tone) = app.status.clone().unwrap();
        assert_eq!(tone, Tone::Bad);
        assert!(said.contains("7 bản sao lưu tự động mang ngày trong tương lai"), "{said}");
        assert!(verify(&backups.join("2026-11-23-090000.soxabak")).is_ok(), "the new copy is kept");
        assert_eq!(auto::list(&tmp.path().join("db")).len(), 8);
    }

    #[test]
    fn quitting_during_the_copy_leaves_a_complete_backup_or_none() {
        let tmp = tempfile::tempdir().unwrap();
        let mut app = demo_app(&tmp);
        let mut daily = DailyBackup::NotStarted;
        daily.step(&mut app);
        assert!(matches!(daily, DailyBackup::Running(_)));
        daily.stop();
        let backups = tmp.path().join("db/backups");
        for entry in std::fs::read_dir(&backups).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(!name.ends_with(".tmp"), "a half-written copy was left: {name}");
            assert!(verify(&entry.path()).is_ok(), "{name} is not a complete backup");
        }
    }
}
