//! A form being filled in is kept as a draft at every change, so a crash
//! loses nothing typed (a power cut at most the last seconds: the file is
//! synced, its rename is not); the next start offers it back, but only
//! after checking it against the ledger as it is now (the file and that
//! check are `store::drafts`).
//!
//! A draft holds, per field, the value the form was built with and the
//! value typed. When the record changed meanwhile (an import, a purge, an
//! undo in another session), the form is rebuilt from the record as it is
//! now and only the fields the clerk had typed in take the draft's values;
//! the clerk first sees every field that changed underneath and chooses to
//! go on or to drop the draft. A draft of another ledger, or of a record
//! that no longer exists, is dropped with a message. Nothing is ever saved
//! without the clerk pressing save.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use serde::{Deserialize, Serialize};

use super::form::{Form, FormKind};
use super::theme::Theme;
use crate::domain::text::{mask_national_id, mask_phone};
use crate::domain::{EntityKind, Field, Id, Lang};
use crate::i18n::ui::Ui;
use crate::store::drafts::{self, DraftFile, Standing};
use crate::store::{Store, StoreError};

/// The interface's part of a draft: which form, and each field's value as
/// built and as typed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormDraft {
    pub kind: FormKind,
    pub fields: Vec<Field>,
    pub initial: Vec<String>,
    pub values: Vec<String>,
}

impl FormDraft {
    pub fn of(form: &Form) -> FormDraft {
        FormDraft {
            kind: form.kind.clone(),
            fields: form.fields.iter().map(|f| f.field).collect(),
            initial: form.fields.iter().map(|f| f.initial.clone()).collect(),
            values: form.values(),
        }
    }

    /// The draft with every control character taken out: the file sits in
    /// a folder others may write to, and what it holds is drawn and typed
    /// into fields (which can never hold one when typed).
    fn without_controls(mut self) -> FormDraft {
        for v in self.initial.iter_mut().chain(self.values.iter_mut()) {
            v.retain(|c| !c.is_control() && c != char::REPLACEMENT_CHARACTER);
        }
        self
    }

    /// True when `form` has exactly this draft's fields, in order.
    fn fits(&self, form: &Form) -> bool {
        let n = form.fields.len();
        self.initial.len() == n
            && self.values.len() == n
            && self.fields.len() == n
            && form.fields.iter().zip(&self.fields).all(|(f, d)| f.field == *d)
    }
}

/// The records a form of `kind` is built from: the one it edits first,
/// then those it hangs from.
pub fn based_on(kind: &FormKind) -> Vec<(EntityKind, Id)> {
    use EntityKind as K;
    let mut out = Vec::new();
    match *kind {
        FormKind::Household(id) => out.extend(id.map(|id| (K::Household, id))),
        FormKind::Commitment { household, id } => {
            out.extend(id.map(|id| (K::Commitment, id)));
            out.push((K::Household, household));
        }
        FormKind::Violation { commitment } => out.push((K::Commitment, commitment)),
        FormKind::Team(id) => out.extend(id.map(|id| (K::Team, id))),
        FormKind::Member { team, id } => {
            out.extend(id.map(|id| (K::Member, id)));
            out.push((K::Team, team));
        }
        FormKind::Training { member } => out.push((K::Member, member)),
        FormKind::Case(id) => out.extend(id.map(|id| (K::Case, id))),
        FormKind::CaseStatus { case } => out.push((K::Case, case)),
        FormKind::Hamlet(id) => out.extend(id.map(|id| (K::Hamlet, id))),
        // Settings edit the commune record (absent on a ledger's first start).
        FormKind::Commune
        | FormKind::Rules
        | FormKind::CatalogItem(_)
        | FormKind::Plan
        | FormKind::CatalogEntry(..) => out.push((K::Commune, 0)),
        FormKind::Model(id) => out.extend(id.map(|id| (K::Model, id))),
        FormKind::ModelReview { model, .. } => out.push((K::Model, model)),
        FormKind::Outreach(id) => out.extend(id.map(|id| (K::Outreach, id))),
        // Kept beside the access log, not as records with an audit trail.
        FormKind::Retention | FormKind::Request(_) => {}
    }
    out
}

/// Keeps `form` as the draft on disk. The first time, it notes what the
/// form was built from: the interface holds the ledger's lock and a form is
/// modal, so the ledger is still as it was when the form was opened.
pub fn keep(store: &Store, form: &mut Form) {
    if form.origin.is_none() {
        form.origin = store.origin(&based_on(&form.kind)).ok();
    }
    // Without an origin the draft could not be checked later: none is kept.
    if let Some(origin) = &form.origin {
        drafts::save(store.dir(), &DraftFile { origin: origin.clone(), form: FormDraft::of(form) });
    }
}

pub fn clear(store: &Store) {
    drafts::clear(store.dir());
}

/// One field whose stored value changed after the draft was begun.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changed {
    pub label: String,
    pub then: String,
    pub now: String,
    /// What the clerk had typed there, when they had typed over it too.
    pub typed: Option<String>,
}

/// A recovered draft whose record changed: the merged form and what to show.
#[derive(Clone, Debug)]
pub struct Review {
    pub form: Box<Form>,
    pub changed: Vec<Changed>,
}

/// What the start of the interface does with a draft found on disk.
#[derive(Debug)]
pub enum Recovered {
    /// Offered back as it was.
    Form(Box<Form>),
    /// The record changed underneath: shown to the clerk first.
    Review(Review),
    /// Dropped, with the reason to tell the clerk.
    Dropped(Ui),
}

/// Merges a draft into `form`, freshly built from the record as it is now:
/// a field the clerk typed in keeps the typed value, any other field takes
/// the current one. Returns the fields that changed underneath.
pub fn merge(draft: &FormDraft, form: &mut Form) -> Vec<Changed> {
    let mut typed_values = Vec::new();
    let mut changed = Vec::new();
    for (i, f) in form.fields.iter().enumerate() {
        let (then, typed) = (&draft.initial[i], &draft.values[i]);
        let mine = typed != then;
        typed_values.push(if mine { typed.clone() } else { f.initial.clone() });
        if f.initial != *then {
            let shown = |v: &str| masked(f.field, v);
            let typed = mine.then(|| shown(typed));
            changed.push(Changed { label: f.label.clone(), then: shown(then), now: shown(&f.initial), typed });
        }
    }
    form.restore_values(&typed_values);
    changed
}

/// ID and phone numbers are shown masked, as in every list and history.
fn masked(field: Field, value: &str) -> String {
    match field {
        Field::NationalId => mask_national_id(value),
        Field::Phone => mask_phone(value),
        _ => value.to_string(),
    }
}

/// Reads the draft left in the ledger's folder, checks it and turns it into
/// what to show. `None`: there is no draft.
pub fn recover(store: &Store, build: impl Fn(&FormKind) -> Result<Form, StoreError>) -> Option<Recovered> {
    let mut file = match drafts::load::<FormDraft>(store.dir())? {
        Ok(file) => file,
        Err(()) => return Some(drop_it(store, Ui::DraftUnreadable)),
    };
    file.form = file.form.without_controls();
    let standing = match store.standing(&file.origin) {
        Ok(standing) => standing,
        // The ledger cannot be read now: keep the draft for a later start.
        Err(_) => return None,
    };
    let rebuild = || build(&file.form.kind).ok().filter(|f| file.form.fits(f)).map(Box::new);
    let recovered = match standing {
        Standing::OtherLedger => return Some(drop_it(store, Ui::DraftOtherLedger)),
        Standing::Gone(..) => return Some(drop_it(store, Ui::DraftRecordGone)),
        Standing::Current => rebuild().map(|mut form| {
            form.restore_values(&file.form.values);
            form.origin = Some(file.origin.clone());
            Recovered::Form(form)
        }),
        Standing::Changed(_) => rebuild().map(|mut form| {
            let changed = merge(&file.form, &mut form);
            Recovered::Review(Review { form, changed })
        }),
    };
    Some(recovered.unwrap_or_else(|| drop_it(store, Ui::DraftUnreadable)))
}

fn drop_it(store: &Store, why: Ui) -> Recovered {
    clear(store);
    Recovered::Dropped(why)
}

/// The origin a reviewed form goes on from: the ledger as it is now.
pub fn accept(store: &Store, review: Review) -> Box<Form> {
    let mut form = review.form;
    form.origin = None;
    keep(store, &mut form);
    form
}

impl Review {
    pub fn render(&self, lang: Lang, area: Rect, buf: &mut Buffer) {
        let mut lines = vec![Line::from(Ui::DraftChangedIntro.get(lang)), Line::default()];
        for c in &self.changed {
            lines.push(Line::from(vec![
                Span::styled(format!("{}: ", c.label), Theme::header()),
                Span::raw(format!("«{}» → «{}»", c.then, c.now)),
            ]));
            if let Some(typed) = &c.typed {
                lines
                    .push(Line::from(Span::styled(format!("  {} «{typed}»", Ui::DraftTyped.get(lang)), Theme::warn())));
            }
        }
        if self.changed.is_empty() {
            lines.push(Line::from(Ui::DraftChangedElsewhere.get(lang)));
        }
        let width = area.width.min(90);
        // Each line takes as many rows as it wraps onto (with a row of slack
        // once it wraps: words wrap, not letters).
        let inner = usize::from(width.saturating_sub(2)).max(1);
        let rows: usize = lines.iter().map(|l| rows_of(l.width(), inner)).sum();
        let height = u16::try_from(rows + 2).unwrap_or(u16::MAX).min(area.height);
        let [row] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(area);
        let [cell] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(row);
        Clear.render(cell, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(Theme::warn())
            .title(Span::styled(format!(" {} ", Ui::DraftChangedTitle.get(lang)), Theme::title()))
            .title_bottom(Span::styled(format!(" {} ", Ui::DraftChoose.get(lang)), Theme::dim()));
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(block).render(cell, buf);
    }
}

fn rows_of(width: usize, inner: usize) -> usize {
    match width.div_ceil(inner) {
        0 | 1 => 1,
        n => n + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Lang;

    fn form(name: &str, address: &str) -> Form {
        Form::new(FormKind::Household(Some(3)), "Hộ")
            .text(Field::HeadName, Lang::Vi, name)
            .text(Field::Address, Lang::Vi, address)
            .text(Field::Phone, Lang::Vi, "")
    }

    #[test]
    fn typed_fields_keep_the_draft_and_the_others_take_the_current_values() {
        let mut before = form("Lê Văn An", "Xóm 1");
        before.restore_values(&["Lê Văn Ân".into(), "Xóm 1".into(), String::new()]);
        let draft = FormDraft::of(&before);
        // An import changed the address and the phone meanwhile.
        let mut now = form("Lê Văn An", "Xóm 9");
        now.fields[2].initial = "0912345678".into();
        let changed = merge(&draft, &mut now);
        assert_eq!(now.values(), ["Lê Văn Ân", "Xóm 9", "0912345678"]);
        let labels: Vec<&str> = changed.iter().map(|c| c.now.as_str()).collect();
        assert_eq!(labels, ["Xóm 9", "091****678"], "the phone is shown masked");
        assert!(changed.iter().all(|c| c.typed.is_none()));
    }

    #[test]
    fn a_field_typed_over_and_changed_underneath_is_shown_with_both() {
        let mut before = form("Lê Văn An", "Xóm 1");
        before.restore_values(&["Lê Văn An".into(), "Xóm 2".into(), String::new()]);
        let draft = FormDraft::of(&before);
        let mut now = form("Lê Văn An", "Xóm 9");
        let changed = merge(&draft, &mut now);
        assert_eq!(now.value(Field::Address), "Xóm 2", "the clerk's typing wins in the form, to be reviewed");
        assert_eq!(
            changed,
            [Changed {
                label: now.fields[1].label.clone(),
                then: "Xóm 1".into(),
                now: "Xóm 9".into(),
                typed: Some("Xóm 2".into())
            }]
        );
    }

    #[test]
    fn a_draft_read_back_holds_no_control_character() {
        let mut f = form("Lê\u{1b}[2J Văn An", "Xóm\u{7} 1");
        f.restore_values(&["An\u{0}\u{fffd}".into(), "X\u{9b}31m".into(), String::new()]);
        let d = FormDraft::of(&f).without_controls();
        assert_eq!(d.initial[..2], ["Lê[2J Văn An", "Xóm 1"]);
        assert_eq!(d.values[..2], ["An", "X31m"]);
    }

    #[test]
    fn a_draft_fits_only_a_form_of_the_same_fields() {
        let draft = FormDraft::of(&form("A", "B"));
        assert!(draft.fits(&form("C", "D")));
        let other = Form::new(FormKind::Household(Some(3)), "Hộ").text(Field::HeadName, Lang::Vi, "A");
        assert!(!draft.fits(&other));
    }

    #[test]
    fn forms_name_the_records_they_are_built_from() {
        assert_eq!(based_on(&FormKind::Household(None)), []);
        assert_eq!(
            based_on(&FormKind::Commitment { household: 4, id: Some(9) }),
            [(EntityKind::Commitment, 9), (EntityKind::Household, 4)]
        );
        assert_eq!(based_on(&FormKind::Member { team: 2, id: None }), [(EntityKind::Team, 2)]);
        assert_eq!(based_on(&FormKind::Rules), [(EntityKind::Commune, 0)]);
    }
}
