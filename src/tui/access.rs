//! What the Settings sections "Người dùng" and "Nhật ký truy cập" ask the
//! app to do: operators added, changed and removed, the idle lock's
//! minutes, the access log exported. The screen hands an [`AccessWrite`]
//! back; the app checks the signed-in operator may, calls the store (which
//! logs and flushes each change) and only then says it is done.

use crate::domain::Id;
use crate::domain::access::{Action, OperatorRole};
use crate::domain::operator::AccessEvent;
use crate::i18n::signin::{self as words, UsersText};
use crate::output::OutputError;
use crate::store::StoreError;

use super::app::{App, Tone};
use super::screens::Ctx;

#[derive(Clone, Debug)]
pub enum AccessWrite {
    Add { name: String, role: OperatorRole, hamlet: Option<Id>, passphrase: String },
    Passphrase { name: String, passphrase: String },
    Remove { name: String },
    IdleLock(u16),
    ExportLog,
}

impl AccessWrite {
    fn needs(&self) -> Action {
        match self {
            AccessWrite::Add { .. } | AccessWrite::Passphrase { .. } | AccessWrite::Remove { .. } => {
                Action::ManageOperators
            }
            AccessWrite::IdleLock(_) => Action::WriteSettings,
            AccessWrite::ExportLog => Action::ReadAccessLog,
        }
    }
}

impl App {
    pub(super) fn apply_access(&mut self, w: AccessWrite) {
        if let Err(refusal) = self.grant.check(w.needs()) {
            self.status = Some((crate::i18n::access::refusal(self.lang, &refusal), Tone::Bad));
            return;
        }
        let export = matches!(w, AccessWrite::ExportLog);
        let result = self.write_access(w);
        match result {
            Ok(said) => {
                let ctx = Ctx::new(&self.store, self.lang, &self.commune);
                if let Err(e) = self.settings.access_done(&ctx, !export) {
                    self.status = Some((crate::i18n::store_error(self.lang, &e), Tone::Bad));
                    return;
                }
                self.status = Some((said, Tone::Good));
            }
            Err(said) => self.status = Some((said, Tone::Bad)),
        }
    }

    /// One change through the store; the words to say once it is flushed.
    fn write_access(&mut self, w: AccessWrite) -> Result<String, String> {
        let lang = self.lang;
        let fail = |e: StoreError| crate::i18n::store_error(lang, &e);
        let said = match w {
            AccessWrite::Add { name, role, hamlet, passphrase } => {
                let first = !self.store.has_operators().map_err(fail)?;
                self.store.add_operator(&name, role, hamlet, &passphrase).map_err(fail)?;
                if first {
                    self.first_operator(&name, &passphrase).map_err(fail)?;
                }
                UsersText::Added
            }
            AccessWrite::Passphrase { name, passphrase } => {
                self.store.set_passphrase(&name, &passphrase).map_err(fail)?;
                UsersText::PassChanged
            }
            AccessWrite::Remove { name } => {
                self.store.remove_operator(&name).map_err(fail)?;
                UsersText::Removed
            }
            AccessWrite::IdleLock(minutes) => {
                let mut privacy = self.store.privacy().map_err(fail)?;
                privacy.idle_lock_minutes = minutes;
                self.store.set_privacy(&privacy, AccessEvent::PrivacySettingsChanged).map_err(fail)?;
                self.idle.after = super::idle::configured(&self.store);
                UsersText::IdleSaved
            }
            AccessWrite::ExportLog => return self.export_log(),
        };
        Ok(said.get(lang).to_string())
    }

    /// The first operator made here: the backups' recovery key is made and
    /// shown once, and the clerk goes on as that administrator.
    fn first_operator(&mut self, name: &str, passphrase: &str) -> Result<(), StoreError> {
        let secret = self.store.new_recovery_key()?;
        self.settings.users.sheet = Some(secret);
        let grant = self.store.sign_in(name, passphrase)?;
        self.set_grant(grant);
        Ok(())
    }

    /// x in the access log: every entry, newest first, to a new CSV file
    /// beside the ledger's folder; the export is itself logged.
    fn export_log(&mut self) -> Result<String, String> {
        let lang = self.lang;
        let fail = |e: StoreError| crate::i18n::store_error(lang, &e);
        let entries = self.store.access_log(usize::MAX).map_err(fail)?;
        let bytes = log_csv(lang, &entries).map_err(|e| crate::i18n::store_error(lang, &StoreError::Storage(e)))?;
        let date = self.store.today().format("%Y-%m-%d").to_string();
        let wanted = super::import::start_folder(self.store.dir()).join(words::log_file_name(lang, &date));
        let written =
            crate::output::write_new(&wanted, &bytes).map_err(|e: OutputError| crate::i18n::output::error(lang, &e))?;
        let file = written.display().to_string();
        self.store.log_access(AccessEvent::AccessLogExported { file: file.clone() }).map_err(fail)?;
        Ok(words::log_exported(lang, &file))
    }
}

/// The log as CSV (UTF-8 with a BOM for spreadsheet programs, CRLF).
fn log_csv(lang: crate::domain::Lang, entries: &[crate::domain::operator::AccessEntry]) -> Result<Vec<u8>, String> {
    let mut builder = ::csv::WriterBuilder::new();
    builder.terminator(::csv::Terminator::CRLF);
    let mut w = crate::output::csv::Writer::new(&builder, b"\xEF\xBB\xBF".to_vec());
    let fail = |e: ::csv::Error| e.to_string();
    w.write_record(words::log_columns(lang)).map_err(fail)?;
    for e in entries {
        let at = e.at.format("%Y-%m-%d %H:%M:%S").to_string();
        let what = crate::i18n::access::event(lang, &e.event);
        w.write_record([at.as_str(), e.operator.as_str(), what.as_str()]).map_err(fail)?;
    }
    w.into_inner().map_err(fail)
}
