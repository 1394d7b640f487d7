//! The Households screen (being built).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Widget};

use super::{Ctx, Effect, Target};
use crate::domain::{FieldError, Lang};
use crate::i18n::ui::Ui;
use crate::store::StoreError;
use crate::tui::Action;
use crate::tui::form::{Form, FormKind};
use crate::tui::keymap::Binding;
use crate::tui::theme::Theme;
use crate::tui::write::Write;

pub struct State;

impl State {
    pub fn new(_ctx: &Ctx) -> Result<Self, StoreError> {
        Ok(State)
    }

    pub fn keys() -> &'static [Binding] {
        &[]
    }

    pub fn refresh(&mut self, _ctx: &Ctx) -> Result<(), StoreError> {
        Ok(())
    }

    pub fn handle(&mut self, _action: Action, _ctx: &Ctx) -> Result<Effect, StoreError> {
        Ok(Effect::None)
    }

    pub fn show(&mut self, _target: Target, _ctx: &Ctx) -> Result<(), StoreError> {
        Ok(())
    }

    pub fn render(&self, lang: Lang, area: Rect, buf: &mut Buffer) {
        Block::default()
            .borders(Borders::ALL)
            .border_style(Theme::border())
            .title(Span::styled(format!(" {} ", Ui::Households.get(lang)), Theme::title()))
            .render(area, buf);
    }
}

pub fn build_form(kind: &FormKind, _ctx: &Ctx) -> Result<Form, StoreError> {
    Ok(Form::new(kind.clone(), ""))
}

pub fn submit_form(_form: &Form, _ctx: &Ctx) -> Result<Write, Vec<FieldError>> {
    Err(Vec::new())
}
