//! Forms: labelled fields the clerk fills in with the keyboard.
//!
//! A form is a list of fields plus a focus; text editing (cursor, Backspace
//! one letter at a time, as Vietnamese input methods need) is `tui-input`'s.
//! A form yields strings; the screen that opened it parses them into a
//! domain value (`FormKind` says which), and the store validates it. Errors
//! come back keyed by `Field` and are drawn beside the field they name.

use chrono::NaiveDate;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::domain::date::{format_dmy, parse_dmy};
use crate::domain::{Field, FieldError, Id, Lang, Problem};
use crate::i18n;
use crate::store::drafts::Origin;

mod follow;
pub use follow::{Follow, Rule};

/// Which form this is and for which record: enough to rebuild it from a
/// saved draft after a crash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormKind {
    Household(Option<Id>),
    Commitment {
        household: Id,
        id: Option<Id>,
    },
    Violation {
        commitment: Id,
    },
    Team(Option<Id>),
    Member {
        team: Id,
        id: Option<Id>,
    },
    Training {
        member: Id,
    },
    Case(Option<Id>),
    CaseStatus {
        case: Id,
    },
    Hamlet(Option<Id>),
    Commune,
    /// Team size, overdue days, coverage target, operator, language.
    Rules,
    /// The plan's targets and report due dates (Settings).
    Plan,
    /// An item of the commune's commitment catalog, by its `u16` id.
    CatalogItem(Option<u16>),
    /// A self-management model.
    Model(Option<Id>),
    /// A model's review of a year.
    ModelReview {
        model: Id,
        year: u16,
    },
    /// An outreach session (its attendance is ticked on the screen).
    Outreach(Option<Id>),
    /// An item of another catalog (model kinds, criteria), by its id.
    CatalogEntry(crate::domain::Catalog, Option<u16>),
    /// How long personal data is kept (Settings, privacy).
    Retention,
    /// A data subject's request of the register, by its number.
    Request(Option<Id>),
}

#[derive(Clone, Debug)]
pub enum Control {
    Text,
    /// `dd/mm/yyyy`.
    Date,
    Number,
    /// One of the labelled options; Left/Right or Space change it.
    Select {
        options: Vec<String>,
        selected: usize,
    },
}

#[derive(Clone, Debug)]
pub struct FormField {
    pub field: Field,
    pub row: Option<usize>,
    pub label: String,
    pub input: Input,
    pub control: Control,
    pub error: Option<String>,
    /// The text the field was built with (the record's value, or the
    /// default of a new one).
    pub initial: String,
    /// The field it follows, if its value is computed from another.
    pub follow: Option<Follow>,
    /// Its label per option of a select (a refusal's date is not a signing date).
    pub labels: Option<(Field, Vec<String>)>,
    /// Shown under the field while it has the focus and no error.
    pub hint: Option<String>,
    /// The value is a suggestion not yet touched: drawn selected, and the
    /// first letter typed replaces it.
    pub selected: bool,
}

#[derive(Clone, Debug)]
pub struct Form {
    pub kind: FormKind,
    pub title: String,
    pub fields: Vec<FormField>,
    pub focus: usize,
    pub dirty: bool,
    /// What the record was when the form's draft was first kept (see
    /// `tui::draft`); `None` until then.
    pub origin: Option<Origin>,
}

/// What a key did to the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormEvent {
    Edited,
    Moved,
    Submit,
    Cancel,
    Ignored,
}

impl Form {
    pub fn new(kind: FormKind, title: impl Into<String>) -> Self {
        Form { kind, title: title.into(), fields: Vec::new(), focus: 0, dirty: false, origin: None }
    }

    fn push(mut self, field: Field, lang: Lang, value: String, control: Control) -> Self {
        let label = i18n::field(lang, field).to_string();
        let input = Input::new(value.clone());
        self.fields.push(FormField {
            field,
            row: None,
            label,
            input,
            control,
            error: None,
            initial: value,
            follow: None,
            labels: None,
            hint: None,
            selected: false,
        });
        self
    }

    pub fn text(self, field: Field, lang: Lang, value: &str) -> Self {
        self.push(field, lang, value.to_string(), Control::Text)
    }

    pub fn date(self, field: Field, lang: Lang, value: Option<NaiveDate>) -> Self {
        self.push(field, lang, value.map(format_dmy).unwrap_or_default(), Control::Date)
    }

    pub fn number(self, field: Field, lang: Lang, value: Option<i64>) -> Self {
        self.push(field, lang, value.map(|v| v.to_string()).unwrap_or_default(), Control::Number)
    }

    pub fn select(self, field: Field, lang: Lang, options: Vec<String>, selected: usize) -> Self {
        let label = options.get(selected).cloned().unwrap_or_default();
        self.push(field, lang, label, Control::Select { options, selected })
    }

    fn get(&self, field: Field) -> Option<&FormField> {
        self.fields.iter().find(|f| f.field == field)
    }

    /// The trimmed text of a field ("" if the form has no such field).
    pub fn value(&self, field: Field) -> &str {
        self.get(field).map(|f| f.input.value().trim()).unwrap_or("")
    }

    /// An optional date: empty is `None`, a bad date is an error naming the field.
    pub fn opt_date(&self, field: Field) -> Result<Option<NaiveDate>, FieldError> {
        match self.value(field) {
            "" => Ok(None),
            v => parse_dmy(v).map(Some).map_err(|p| FieldError::new(field, p)),
        }
    }

    /// A required date.
    pub fn req_date(&self, field: Field) -> Result<NaiveDate, FieldError> {
        self.opt_date(field)?.ok_or(FieldError::new(field, Problem::Required))
    }

    /// An optional whole number.
    pub fn opt_number(&self, field: Field) -> Result<Option<i64>, FieldError> {
        match self.value(field) {
            "" => Ok(None),
            v => v.parse::<i64>().map(Some).map_err(|_| FieldError::new(field, Problem::NotANumber)),
        }
    }

    /// The index of the chosen option of a select field.
    pub fn choice(&self, field: Field) -> usize {
        match self.get(field).map(|f| &f.control) {
            Some(Control::Select { selected, .. }) => *selected,
            _ => 0,
        }
    }

    /// Shows errors beside their fields (those naming no field of this form
    /// go on the first field) and moves the focus to the first one. An error
    /// of a row (party 2's name) goes to the field of that row when the form
    /// has one (`FormField::row`), else to the first field of its kind.
    pub fn set_errors(&mut self, lang: Lang, errors: &[FieldError]) {
        for f in &mut self.fields {
            f.error = None;
        }
        for e in errors {
            let same_row = |f: &FormField| f.field == e.field && e.row.is_some() && f.row == e.row;
            let exact = self.fields.iter().position(same_row);
            let i = exact.or_else(|| self.fields.iter().position(|f| f.field == e.field)).unwrap_or(0);
            let text = match e.row {
                Some(_) if exact.is_none() => i18n::field_error(lang, e),
                _ => i18n::problem(lang, e.problem),
            };
            if let Some(f) = self.fields.get_mut(i) {
                f.error = Some(f.error.take().map_or(text.clone(), |old| format!("{old}; {text}")));
            }
        }
        if let Some(first) = self.fields.iter().position(|f| f.error.is_some()) {
            self.focus = first;
        }
    }

    pub fn has_errors(&self) -> bool {
        self.fields.iter().any(|f| f.error.is_some())
    }

    /// Feeds one key press to the form.
    pub fn handle(&mut self, key: KeyEvent) -> FormEvent {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return FormEvent::Cancel,
            KeyCode::Char('s') if ctrl => return FormEvent::Submit,
            KeyCode::F(10) => return FormEvent::Submit,
            KeyCode::Enter if self.focus + 1 >= self.fields.len() => return FormEvent::Submit,
            KeyCode::Enter | KeyCode::Tab | KeyCode::Down => {
                self.focus = (self.focus + 1) % self.fields.len().max(1);
                return FormEvent::Moved;
            }
            KeyCode::BackTab | KeyCode::Up => {
                let n = self.fields.len().max(1);
                self.focus = (self.focus + n - 1) % n;
                return FormEvent::Moved;
            }
            _ => {}
        }
        let Some(field) = self.fields.get_mut(self.focus) else { return FormEvent::Ignored };
        let changed = match &mut field.control {
            Control::Select { options, selected } => {
                let n = options.len().max(1);
                let next = match key.code {
                    KeyCode::Right | KeyCode::Char(' ') => Some((*selected + 1) % n),
                    KeyCode::Left => Some((*selected + n - 1) % n),
                    _ => None,
                };
                if let Some(next) = next {
                    *selected = next;
                    field.input = Input::new(options.get(next).cloned().unwrap_or_default());
                }
                next.is_some()
            }
            _ => edit_text(field, key),
        };
        field.selected = false;
        if changed {
            field.error = None;
            self.dirty = true;
            self.follow();
            FormEvent::Edited
        } else {
            FormEvent::Ignored
        }
    }

    /// The text of every field, for a crash-safe draft.
    pub fn values(&self) -> Vec<String> {
        self.fields.iter().map(|f| f.input.value().to_string()).collect()
    }

    /// Refills the fields from a draft's values (same form shape).
    pub fn restore_values(&mut self, values: &[String]) {
        for (f, v) in self.fields.iter_mut().zip(values) {
            if let Control::Select { options, selected } = &mut f.control
                && let Some(i) = options.iter().position(|o| o == v)
            {
                *selected = i;
            }
            f.input = Input::new(v.clone());
            f.selected = false;
        }
        self.settle();
        self.dirty = true;
    }
}

/// A key in a text field. A suggestion still selected is replaced by the
/// letter typed, or cleared by Backspace or Delete; any other key keeps it.
fn edit_text(field: &mut FormField, key: KeyEvent) -> bool {
    let plain = !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    if field.selected && !field.input.value().is_empty() {
        match key.code {
            KeyCode::Char(_) if plain => field.input = Input::default(),
            KeyCode::Backspace | KeyCode::Delete => {
                field.input = Input::default();
                return true;
            }
            _ => {}
        }
    }
    field.input.handle_event(&Event::Key(key)).is_some_and(|c| c.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(form: &mut Form, code: KeyCode) -> FormEvent {
        form.handle(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn typed(form: &mut Form, text: &str) {
        for c in text.chars() {
            press(form, KeyCode::Char(c));
        }
    }

    fn form() -> Form {
        Form::new(FormKind::Household(None), "Hộ")
            .text(Field::HeadName, Lang::Vi, "")
            .date(Field::LivingSince, Lang::Vi, None)
            .select(Field::Status, Lang::Vi, vec!["A".into(), "B".into()], 0)
    }

    #[test]
    fn typing_through_a_vietnamese_input_method() {
        let mut f = form();
        // Telex "Nguyeenx": the method sends e, then Backspace and ê, then
        // Backspace and ễ; each arrives as its own key event.
        typed(&mut f, "Nguye");
        press(&mut f, KeyCode::Backspace);
        typed(&mut f, "ê");
        press(&mut f, KeyCode::Backspace);
        typed(&mut f, "ễn");
        assert_eq!(f.value(Field::HeadName), "Nguyễn");
        assert!(f.dirty);
    }

    #[test]
    fn tab_moves_and_enter_on_the_last_field_submits() {
        let mut f = form();
        assert_eq!(press(&mut f, KeyCode::Tab), FormEvent::Moved);
        typed(&mut f, "31/02/2026");
        let no_such_day = Problem::NoSuchDay { day: 31, month: 2, year: 2026, last: 28 };
        assert_eq!(f.opt_date(Field::LivingSince), Err(FieldError::new(Field::LivingSince, no_such_day)));
        press(&mut f, KeyCode::Tab);
        press(&mut f, KeyCode::Right);
        assert_eq!(f.choice(Field::Status), 1);
        assert_eq!(press(&mut f, KeyCode::Enter), FormEvent::Submit);
        assert_eq!(press(&mut f, KeyCode::Esc), FormEvent::Cancel);
    }

    #[test]
    fn errors_land_beside_their_field() {
        let mut f = form();
        f.set_errors(Lang::Vi, &[FieldError::new(Field::LivingSince, Problem::DateInFuture)]);
        assert_eq!(f.focus, 1);
        assert_eq!(f.fields[1].error.as_deref(), Some("không được sau ngày hôm nay"));
    }

    #[test]
    fn drafts_round_trip() {
        let mut f = form();
        typed(&mut f, "Lê Văn Tám");
        let values = f.values();
        let mut g = form();
        g.restore_values(&values);
        assert_eq!(g.value(Field::HeadName), "Lê Văn Tám");
    }
}
