//! Values a form fills in for the clerk and keeps true to what it shows: a
//! field that *follows* another takes a value computed from it (a follow-up
//! date 30 days after the closing date, a moving-out date once "moved out"
//! is chosen) and is computed again whenever that field changes, until the
//! clerk types a value of their own in it. What is saved is read from the
//! fields, so it is always what was on screen.
//!
//! Labels may follow a select too (a refusal's date is "Ngày từ chối"), and
//! a suggestion the clerk has not touched is shown selected, so typing
//! replaces it rather than adding to it.

use chrono::Days;

use super::{Control, Form, FormField};
use crate::domain::Field;
use crate::domain::date::{format_dmy, parse_dmy};
use crate::domain::text::strip_words;

/// How a following field's value is computed from its source field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rule {
    /// The date this many days after the source date.
    DaysAfter(u64),
    /// The value for each option of the source select, by its index.
    ByOption(Vec<String>),
    /// This value once any field of the source (a select per row) has an
    /// option other than its first ("—") chosen; empty otherwise.
    WhenChosen(String),
    /// The option of this select whose words begin the source's text ("Ấp
    /// 3" chooses "Ấp"); no suggestion when none does.
    OptionNamedFirst,
    /// The date this many working days (Monday to Friday) after the source
    /// date (a data request's acknowledgement).
    WorkingDaysAfter(u32),
}

/// A field that follows `source` by `rule`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Follow {
    pub source: Field,
    pub rule: Rule,
    /// The value last suggested: the field follows while it holds it.
    pub last: String,
}

impl Form {
    /// Makes the last field added follow `source` (see `Rule`); the form's
    /// builder calls `Form::settle` once every field is there.
    pub fn follows(mut self, source: Field, rule: Rule) -> Self {
        if let Some(f) = self.fields.last_mut() {
            f.follow = Some(Follow { source, rule, last: f.input.value().to_string() });
        }
        self
    }

    /// Makes `field`, already filled, follow `source` from now on (a
    /// suggestion a screen adds after building the form).
    pub fn set_follow(&mut self, field: Field, source: Field, rule: Rule) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.field == field) {
            f.follow = Some(Follow { source, rule, last: f.input.value().to_string() });
        }
    }

    /// Gives the last field added a label per option of the select `source`.
    pub fn labels_by(mut self, source: Field, labels: Vec<String>) -> Self {
        if let Some(f) = self.fields.last_mut() {
            f.labels = Some((source, labels));
        }
        self
    }

    /// Marks the last field added as a suggestion: shown selected, so that
    /// typing replaces it.
    pub fn suggested(mut self) -> Self {
        if let Some(f) = self.fields.last_mut() {
            f.selected = true;
        }
        self
    }

    /// Gives the last field added a hint, shown under it while it has the
    /// focus and no error.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        if let Some(f) = self.fields.last_mut() {
            f.hint = Some(hint.into());
        }
        self
    }

    /// Once the form is built (or refilled from a draft): each following
    /// field remembers what it would be now, and follows if it holds it.
    pub fn settle(&mut self) {
        for i in 0..self.fields.len() {
            let now = self.suggestion(i);
            let Some(f) = self.fields.get_mut(i) else { continue };
            let value = f.input.value().to_string();
            if let Some(follow) = &mut f.follow {
                // A value computed for the clerk is a suggestion: selected.
                f.selected |= now.as_deref() == Some(value.as_str()) && !value.is_empty();
                follow.last = now.unwrap_or(value);
            }
        }
        self.relabel();
    }

    /// After any change: every following field that still holds its last
    /// suggestion takes the new one; labels follow their select.
    pub fn follow(&mut self) {
        for i in 0..self.fields.len() {
            let Some(new) = self.suggestion(i) else { continue };
            let Some(f) = self.fields.get_mut(i) else { continue };
            let Some(follow) = &mut f.follow else { continue };
            let following = f.input.value() == follow.last;
            follow.last = new.clone();
            if following && f.input.value() != new {
                f.set(&new);
                f.selected = !new.is_empty();
            }
        }
        self.relabel();
    }

    fn relabel(&mut self) {
        for i in 0..self.fields.len() {
            let Some((source, labels)) = self.fields.get(i).and_then(|f| f.labels.as_ref()) else { continue };
            let Some(label) = labels.get(self.choice(*source)).cloned() else { continue };
            if let Some(f) = self.fields.get_mut(i) {
                f.label = label;
            }
        }
    }

    /// What field `i` would hold if it follows its source; `None` when it
    /// follows nothing or its source cannot be read (a date half typed).
    fn suggestion(&self, i: usize) -> Option<String> {
        let field = self.fields.get(i)?;
        let follow = field.follow.as_ref()?;
        match &follow.rule {
            Rule::DaysAfter(n) => {
                let from = parse_dmy(self.value(follow.source)).ok()?;
                from.checked_add_days(Days::new(*n)).map(format_dmy)
            }
            Rule::WorkingDaysAfter(n) => {
                let from = parse_dmy(self.value(follow.source)).ok()?;
                Some(format_dmy(crate::domain::request::add_working_days(from, *n)))
            }
            Rule::ByOption(values) => values.get(self.choice(follow.source)).cloned(),
            Rule::WhenChosen(value) => {
                let chosen = self
                    .fields
                    .iter()
                    .filter(|f| f.field == follow.source)
                    .any(|f| matches!(f.control, Control::Select { selected, .. } if selected > 0));
                Some(if chosen { value.clone() } else { String::new() })
            }
            Rule::OptionNamedFirst => {
                let Control::Select { options, .. } = &field.control else { return None };
                let text = self.value(follow.source);
                options.iter().find(|o| strip_words(text, o).is_some()).cloned()
            }
        }
    }
}

impl FormField {
    /// Puts `value` in the field (choosing the option of that label in a
    /// select).
    pub fn set(&mut self, value: &str) {
        if let Control::Select { options, selected } = &mut self.control
            && let Some(i) = options.iter().position(|o| o == value)
        {
            *selected = i;
        }
        self.input = tui_input::Input::new(value.to_string());
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::domain::Lang;
    use crate::tui::form::{FormEvent, FormKind};

    fn press(form: &mut Form, code: KeyCode) -> FormEvent {
        form.handle(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn typed(form: &mut Form, text: &str) {
        for c in text.chars() {
            press(form, KeyCode::Char(c));
        }
    }

    /// A step's date and a follow-up 30 days after it.
    fn form() -> Form {
        let mut f = Form::new(FormKind::CaseStatus { case: 1 }, "")
            .text(Field::Closed, Lang::Vi, "01/12/2026")
            .suggested()
            .text(Field::FollowUpDate, Lang::Vi, "31/12/2026")
            .follows(Field::Closed, Rule::DaysAfter(30));
        f.settle();
        f
    }

    #[test]
    fn a_suggestion_is_replaced_by_what_is_typed() {
        let mut f = form();
        typed(&mut f, "10/11/2026");
        assert_eq!(f.value(Field::Closed), "10/11/2026");
        let mut f = form();
        press(&mut f, KeyCode::Backspace);
        assert_eq!(f.value(Field::Closed), "", "Backspace clears a suggestion");
        let mut f = form();
        press(&mut f, KeyCode::Left);
        typed(&mut f, "x");
        assert_eq!(f.value(Field::Closed), "01/12/202x6", "a cursor key keeps it, to edit");
    }

    #[test]
    fn a_following_field_moves_with_its_source_until_the_clerk_types_in_it() {
        let mut f = form();
        typed(&mut f, "10/11/2026");
        assert_eq!(f.value(Field::FollowUpDate), "10/12/2026");
        // Half typed, the source does not read: the last value stays.
        press(&mut f, KeyCode::Backspace);
        assert_eq!(f.value(Field::FollowUpDate), "10/12/2026");
        typed(&mut f, "5");
        assert_eq!(f.value(Field::FollowUpDate), "10/12/2025");
        // The clerk's own value stays.
        press(&mut f, KeyCode::Tab);
        assert!(f.fields[1].selected, "a computed value is a suggestion");
        typed(&mut f, "15/01/2027");
        press(&mut f, KeyCode::BackTab);
        press(&mut f, KeyCode::Backspace);
        typed(&mut f, "01/12/2026");
        assert_eq!(f.value(Field::FollowUpDate), "15/01/2027");
    }

    #[test]
    fn a_restored_draft_follows_from_where_it_was() {
        let mut f = form();
        f.restore_values(&["05/12/2026".into(), "04/01/2027".into()]);
        press(&mut f, KeyCode::Home);
        press(&mut f, KeyCode::Delete);
        press(&mut f, KeyCode::Delete);
        typed(&mut f, "07");
        assert_eq!(f.value(Field::FollowUpDate), "06/01/2027", "05/12 + 30 followed 07/12 + 30");
    }

    #[test]
    fn labels_follow_a_select() {
        let mut f = Form::new(FormKind::Commitment { household: 1, id: None }, "")
            .select(Field::Status, Lang::Vi, vec!["Đã ký".into(), "Từ chối".into()], 0)
            .text(Field::CommitmentDate, Lang::Vi, "")
            .labels_by(Field::Status, vec!["Ngày ký".into(), "Ngày từ chối".into()]);
        f.settle();
        assert_eq!(f.fields[1].label, "Ngày ký");
        press(&mut f, KeyCode::Right);
        assert_eq!(f.fields[1].label, "Ngày từ chối");
    }
}
