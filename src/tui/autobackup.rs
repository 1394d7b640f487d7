//! The daily automatic backup, started once the first screen is drawn.
//!
//! At 100,000 households a backup takes about a second (see
//! docs/PERFORMANCE.md), too long to hold the first screen back, so it runs
//! on its own thread while the clerk looks at the dashboard; the footer
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
        Ok(written) => {
            if app.status.as_ref().is_some_and(|(text, _)| text == running) {
                let name = written.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                app.status = Some((format!("{} {name}", B::AutoDone.get(app.lang)), Tone::Good));
            }
        }
        Err(e) => app.status = Some((backup_error(app.lang, &e), Tone::Bad)),
    }
}
