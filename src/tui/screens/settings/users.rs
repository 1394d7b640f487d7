//! The Settings section "Người dùng": the idle lock's minutes (first line)
//! and the operators (name, role, hamlet, created). n adds one, e changes a
//! passphrase (or, on the first line, the minutes), d removes one after a
//! question. The dialogs are typed here, passphrases drawn as •, and never
//! kept as drafts; what they ask is handed to the app as an
//! [`AccessWrite`]. The recovery sheet of the first operator is shown over
//! the screen once, until Enter.
//!
//! Only an administrator sees and changes this (a ledger without operators
//! has its one clerk, who may).

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Clear, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::HamletRow;
use crate::domain::access::{Action, Grant, OperatorRole};
use crate::domain::operator::{check_passphrase, clean_operator_name};
use crate::domain::{Field, FieldError, Id, Lang, Problem};
use crate::i18n::signin::{self as words, UsersText as U};
use crate::store::StoreError;
use crate::tui::access::AccessWrite;
use crate::tui::fit::cut;
use crate::tui::screens::{Ctx, Effect};
use crate::tui::theme::Theme;

/// One operator as listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserRow {
    pub name: String,
    pub role: OperatorRole,
    pub hamlet: String,
    pub created: NaiveDate,
}

/// What a dialog asks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogKind {
    Add,
    Passphrase(String),
    Idle,
    Remove(String),
}

#[derive(Clone, Debug)]
struct DField {
    field: Field,
    label: String,
    input: Input,
    secret: bool,
    /// A choice: the options and the one chosen.
    options: Option<(Vec<String>, usize)>,
}

#[derive(Clone, Debug)]
pub struct Dialog {
    pub kind: DialogKind,
    fields: Vec<DField>,
    focus: usize,
    pub error: Option<String>,
    /// The hamlets offered, in the order of the hamlet choice (after "none").
    hamlet_ids: Vec<Id>,
}

pub struct Users {
    /// Who is signed in (set by the app).
    pub grant: Grant,
    pub rows: Vec<UserRow>,
    /// 0: the idle-lock line; 1 and on: the operators.
    pub sel: usize,
    pub idle_minutes: u16,
    pub dialog: Option<Dialog>,
    /// The recovery key shown once, until Enter.
    pub sheet: Option<String>,
}

impl Users {
    pub fn new(grant: Grant) -> Users {
        Users { grant, rows: Vec::new(), sel: 0, idle_minutes: 10, dialog: None, sheet: None }
    }

    pub fn refresh(&mut self, ctx: &Ctx, hamlets: &[HamletRow]) -> Result<(), StoreError> {
        let hamlet = |id: Option<Id>| {
            id.and_then(|id| hamlets.iter().find(|h| h.id == id)).map(|h| h.code.clone()).unwrap_or_default()
        };
        self.rows = ctx
            .store
            .operators()?
            .into_iter()
            .map(|o| UserRow { hamlet: hamlet(o.hamlet), name: o.name, role: o.role, created: o.created_at.date() })
            .collect();
        self.idle_minutes = ctx.store.privacy()?.idle_lock_minutes;
        self.sel = self.sel.min(self.rows.len());
        Ok(())
    }

    pub fn step(&mut self, delta: isize) {
        self.sel = self.sel.saturating_add_signed(delta).min(self.rows.len());
    }

    /// True while a dialog or the recovery sheet takes the keys.
    pub fn typing(&self) -> bool {
        self.dialog.is_some() || self.sheet.is_some()
    }

    fn refused(&self, lang: Lang, action: Action) -> Option<Effect> {
        let refusal = self.grant.check(action).err()?;
        Some(Effect::Status(crate::i18n::access::refusal(lang, &refusal)))
    }

    /// n: the form of a new operator (the first is an administrator).
    pub fn add(&mut self, lang: Lang, hamlets: &[HamletRow]) -> Effect {
        if let Some(no) = self.refused(lang, Action::ManageOperators) {
            return no;
        }
        self.dialog = Some(Dialog::add(lang, hamlets));
        Effect::None
    }

    /// e: a new passphrase for the selected operator, or the minutes.
    pub fn edit(&mut self, lang: Lang) -> Effect {
        let (action, dialog) = match self.sel.checked_sub(1).and_then(|i| self.rows.get(i)) {
            None => (Action::WriteSettings, Dialog::idle(lang, self.idle_minutes)),
            Some(row) => (Action::ManageOperators, Dialog::passphrase(lang, &row.name)),
        };
        if let Some(no) = self.refused(lang, action) {
            return no;
        }
        self.dialog = Some(dialog);
        Effect::None
    }

    /// d: asks before removing the selected operator.
    pub fn remove(&mut self, lang: Lang) -> Effect {
        if let Some(no) = self.refused(lang, Action::ManageOperators) {
            return no;
        }
        let Some(row) = self.sel.checked_sub(1).and_then(|i| self.rows.get(i)) else { return Effect::None };
        self.dialog = Some(Dialog::question(&row.name));
        Effect::None
    }

    /// A key while a dialog or the sheet is open.
    pub fn type_key(&mut self, key: KeyEvent, lang: Lang) -> Effect {
        if self.sheet.is_some() {
            if key.code == KeyCode::Enter {
                self.sheet = None;
            }
            return Effect::None;
        }
        let Some(dialog) = &mut self.dialog else { return Effect::None };
        match dialog.handle(key, lang) {
            DialogEvent::Stay => Effect::None,
            DialogEvent::Cancel => {
                self.dialog = None;
                Effect::None
            }
            DialogEvent::Write(w) => Effect::Access(w),
        }
    }

    /// The app applied what the dialog asked: it closes.
    pub fn done(&mut self) {
        self.dialog = None;
    }
}

enum DialogEvent {
    Stay,
    Cancel,
    Write(AccessWrite),
}

impl DField {
    fn text(field: Field, label: String, secret: bool) -> DField {
        DField { field, label, input: Input::default(), secret, options: None }
    }
}

impl Dialog {
    fn new(kind: DialogKind, fields: Vec<DField>) -> Dialog {
        Dialog { kind, fields, focus: 0, error: None, hamlet_ids: Vec::new() }
    }

    fn add(lang: Lang, hamlets: &[HamletRow]) -> Dialog {
        let f = |field| crate::i18n::field(lang, field).to_string();
        let roles = OperatorRole::ALL.iter().map(|r| crate::i18n::access::role(lang, *r).to_string()).collect();
        let mut places = vec![U::NoHamlet.get(lang).to_string()];
        places.extend(hamlets.iter().map(|h| format!("{} {}", h.code, h.name)));
        let mut d = Dialog::new(
            DialogKind::Add,
            vec![
                DField::text(Field::OperatorName, f(Field::OperatorName), false),
                DField {
                    options: Some((roles, 0)),
                    ..DField::text(Field::OperatorRole, f(Field::OperatorRole), false)
                },
                DField { options: Some((places, 0)), ..DField::text(Field::Hamlet, f(Field::Hamlet), false) },
                DField::text(Field::Passphrase, f(Field::Passphrase), true),
                DField::text(Field::Passphrase, U::PassAgain.get(lang).to_string(), true),
            ],
        );
        d.hamlet_ids = hamlets.iter().map(|h| h.id).collect();
        d
    }

    fn passphrase(lang: Lang, name: &str) -> Dialog {
        Dialog::new(
            DialogKind::Passphrase(name.to_string()),
            vec![
                DField::text(Field::Passphrase, crate::i18n::field(lang, Field::Passphrase).to_string(), true),
                DField::text(Field::Passphrase, U::PassAgain.get(lang).to_string(), true),
            ],
        )
    }

    fn idle(lang: Lang, minutes: u16) -> Dialog {
        let mut field = DField::text(Field::IdleLockMinutes, U::IdleLock.get(lang).to_string(), false);
        field.input = Input::new(minutes.to_string());
        Dialog::new(DialogKind::Idle, vec![field])
    }

    fn question(name: &str) -> Dialog {
        Dialog::new(DialogKind::Remove(name.to_string()), Vec::new())
    }

    fn handle(&mut self, key: KeyEvent, lang: Lang) -> DialogEvent {
        if let DialogKind::Remove(name) = &self.kind {
            return match key.code {
                KeyCode::Char('c' | 'C' | 'y' | 'Y') | KeyCode::Enter => {
                    DialogEvent::Write(AccessWrite::Remove { name: name.clone() })
                }
                KeyCode::Char('k' | 'K' | 'n' | 'N') | KeyCode::Esc => DialogEvent::Cancel,
                _ => DialogEvent::Stay,
            };
        }
        let n = self.fields.len().max(1);
        let ctrl_s = key.code == KeyCode::Char('s') && key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return DialogEvent::Cancel,
            KeyCode::Enter => return self.submit(lang),
            _ if ctrl_s => return self.submit(lang),
            KeyCode::Tab | KeyCode::Down => self.focus = (self.focus + 1) % n,
            KeyCode::BackTab | KeyCode::Up => self.focus = (self.focus + n - 1) % n,
            _ => self.type_in(key),
        }
        DialogEvent::Stay
    }

    fn type_in(&mut self, key: KeyEvent) {
        let Some(f) = self.fields.get_mut(self.focus) else { return };
        match &mut f.options {
            Some((options, chosen)) => {
                let n = options.len().max(1);
                match key.code {
                    KeyCode::Right | KeyCode::Char(' ') => *chosen = (*chosen + 1) % n,
                    KeyCode::Left => *chosen = (*chosen + n - 1) % n,
                    _ => {}
                }
            }
            None => {
                f.input.handle_event(&Event::Key(key));
            }
        }
    }

    fn value(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", |f| f.input.value())
    }

    fn chosen(&self, i: usize) -> usize {
        self.fields.get(i).and_then(|f| f.options.as_ref()).map_or(0, |(_, c)| *c)
    }

    /// What the dialog asks, or its first error in words.
    fn submit(&mut self, lang: Lang) -> DialogEvent {
        match self.parse() {
            Ok(w) => DialogEvent::Write(w),
            Err(e) => {
                self.error = Some(crate::i18n::field_error(lang, &e));
                if e.problem == Problem::Mismatch {
                    // Typed again from the start, both times.
                    self.fields.iter_mut().filter(|f| f.secret).for_each(|f| f.input.reset());
                }
                if let Some(i) = self.fields.iter().position(|f| f.field == e.field) {
                    self.focus = i;
                }
                DialogEvent::Stay
            }
        }
    }

    fn parse(&self) -> Result<AccessWrite, FieldError> {
        match &self.kind {
            DialogKind::Add => {
                let name = clean_operator_name(self.value(0))?;
                let role = OperatorRole::ALL.get(self.chosen(1)).copied().unwrap_or(OperatorRole::Viewer);
                let hamlet = self.chosen(2).checked_sub(1).and_then(|i| self.hamlet_ids.get(i)).copied();
                if (role == OperatorRole::HamletHead) != hamlet.is_some() {
                    return Err(FieldError::new(Field::Hamlet, Problem::Required));
                }
                let passphrase = self.typed_passphrase(3)?;
                Ok(AccessWrite::Add { name, role, hamlet, passphrase })
            }
            DialogKind::Passphrase(name) => {
                Ok(AccessWrite::Passphrase { name: name.clone(), passphrase: self.typed_passphrase(0)? })
            }
            DialogKind::Idle => {
                let range = crate::domain::operator::PrivacySettings::IDLE_MINUTES;
                let out = || {
                    let (min, max) = (i64::from(*range.start()), i64::from(*range.end()));
                    FieldError::new(Field::IdleLockMinutes, Problem::OutOfRange { min, max })
                };
                let minutes: u16 = self.value(0).trim().parse().map_err(|_| out())?;
                if !range.contains(&minutes) {
                    return Err(out());
                }
                Ok(AccessWrite::IdleLock(minutes))
            }
            DialogKind::Remove(name) => Ok(AccessWrite::Remove { name: name.clone() }),
        }
    }

    /// The passphrase typed at `i`, the same again at `i + 1`.
    fn typed_passphrase(&self, i: usize) -> Result<String, FieldError> {
        let typed = self.value(i);
        check_passphrase(typed)?;
        if typed != self.value(i + 1) {
            return Err(FieldError::new(Field::Passphrase, Problem::Mismatch));
        }
        Ok(typed.to_string())
    }

    fn title(&self, lang: Lang) -> String {
        match &self.kind {
            DialogKind::Add => U::AddTitle.get(lang).to_string(),
            DialogKind::Passphrase(name) => words::pass_title(lang, name),
            DialogKind::Idle => U::IdleTitle.get(lang).to_string(),
            DialogKind::Remove(name) => words::confirm_remove(lang, name),
        }
    }
}

/// Draws the section (the users' list, a dialog over it, or the sheet over
/// `screen`, the whole screen); returns its key hint.
pub fn render(u: &Users, lang: Lang, area: Rect, buf: &mut Buffer) -> &'static str {
    if let Some(no) = u.grant.check(Action::ManageOperators).err() {
        Paragraph::new(crate::i18n::access::refusal(lang, &no)).wrap(Wrap { trim: true }).render(area, buf);
        return "";
    }
    render_list(u, lang, area, buf);
    if let Some(d) = &u.dialog {
        render_dialog(d, lang, area, buf);
        return if matches!(d.kind, DialogKind::Remove(_)) {
            U::HintQuestion.get(lang)
        } else {
            U::HintDialog.get(lang)
        };
    }
    U::HintUsers.get(lang)
}

fn render_list(u: &Users, lang: Lang, area: Rect, buf: &mut Buffer) {
    let idle = format!("{}: {}", U::IdleLock.get(lang), u.idle_minutes);
    let mut rows = vec![Row::new(vec![Cell::from(idle)])];
    rows.extend(u.rows.iter().map(|r| {
        Row::new(vec![
            Cell::from(r.name.clone()),
            Cell::from(crate::i18n::access::role(lang, r.role)),
            Cell::from(r.hamlet.clone()),
            Cell::from(r.created.format("%d/%m/%Y").to_string()),
        ])
    }));
    let header =
        Row::new([U::ColName, U::ColRole, U::ColHamlet, U::ColCreated].map(|c| c.get(lang))).style(Theme::header());
    let [table_area, note] =
        Layout::vertical([Constraint::Length(u16::try_from(rows.len() + 2).unwrap_or(u16::MAX)), Constraint::Min(0)])
            .areas(area);
    let widths = [Constraint::Min(10), Constraint::Length(12), Constraint::Length(6), Constraint::Length(10)];
    let table = Table::new(rows, widths).header(header).row_highlight_style(Theme::selected());
    let mut state = TableState::default().with_selected(Some(u.sel));
    StatefulWidget::render(table, table_area, buf, &mut state);
    if u.rows.is_empty() {
        Paragraph::new(U::NoUsers.get(lang)).style(Theme::dim()).wrap(Wrap { trim: true }).render(note, buf);
    }
}

fn render_dialog(d: &Dialog, lang: Lang, area: Rect, buf: &mut Buffer) {
    let height = u16::try_from(d.fields.len() + 4).unwrap_or(u16::MAX).min(area.height);
    let at = Rect { y: area.y + area.height.saturating_sub(height) / 2, height, ..area };
    Clear.render(at, buf);
    let block = Block::default().borders(Borders::ALL).border_style(Theme::border()).title(Span::styled(
        format!(" {} ", cut(&d.title(lang), usize::from(area.width.saturating_sub(4)))),
        Theme::title(),
    ));
    let inner = block.inner(at);
    block.render(at, buf);
    let label_w = 20.min(inner.width / 2);
    for (i, f) in d.fields.iter().enumerate() {
        let y = inner.y + u16::try_from(i).unwrap_or(0);
        if y >= inner.bottom() {
            break;
        }
        let focused = i == d.focus;
        let label =
            Span::styled(cut(&f.label, usize::from(label_w)), if focused { Theme::header() } else { Theme::tab() });
        Paragraph::new(label).render(Rect { y, height: 1, width: label_w, ..inner }, buf);
        let value = match &f.options {
            Some((options, chosen)) => format!("◂ {} ▸", options.get(*chosen).map_or("", String::as_str)),
            None if f.secret => "•".repeat(f.input.value().chars().count()),
            None => f.input.value().to_string(),
        };
        let w = inner.width.saturating_sub(label_w + 1);
        let text = format!("{:<width$}", cut(&value, usize::from(w)), width = usize::from(w));
        Paragraph::new(Span::styled(text, Theme::input()))
            .render(Rect { x: inner.x + label_w + 1, y, height: 1, width: w }, buf);
    }
    if let Some(e) = &d.error {
        let y = inner.bottom().saturating_sub(1);
        Paragraph::new(Line::from(Span::styled(e.clone(), Theme::bad()))).render(Rect { y, height: 1, ..inner }, buf);
    }
}

/// The recovery sheet over the whole screen.
pub fn render_sheet(secret: &str, lang: Lang, area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(Theme::border())
        .title(Span::styled(format!(" {} ", U::SheetTitle.get(lang)), Theme::title()));
    let inner = block.inner(area);
    block.render(area, buf);
    let lines = vec![
        Line::from(U::SheetIntro.get(lang)),
        Line::from(""),
        Line::from(Span::styled(secret.to_string(), Theme::header())),
        Line::from(""),
        Line::from(Span::styled(U::SheetDone.get(lang), Theme::dim())),
    ];
    Paragraph::new(lines).wrap(Wrap { trim: false }).render(inner, buf);
}
