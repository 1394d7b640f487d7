//! Named styles. Only the 16 basic colours are used, so the old Windows
//! console draws the same screen as a modern terminal.

use ratatui::style::{Color, Modifier, Style};

pub struct Theme;

impl Theme {
    pub fn title() -> Style {
        Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn tab() -> Style {
        Style::new().fg(Color::Gray)
    }
    pub fn tab_active() -> Style {
        Style::new().fg(Color::Black).bg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn header() -> Style {
        Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn selected() -> Style {
        Style::new().fg(Color::Black).bg(Color::White)
    }
    pub fn dim() -> Style {
        Style::new().fg(Color::DarkGray)
    }
    pub fn key() -> Style {
        Style::new().fg(Color::Black).bg(Color::Gray)
    }
    pub fn good() -> Style {
        Style::new().fg(Color::Green)
    }
    pub fn warn() -> Style {
        Style::new().fg(Color::Yellow)
    }
    pub fn bad() -> Style {
        Style::new().fg(Color::Red)
    }
    pub fn error() -> Style {
        Style::new().fg(Color::White).bg(Color::Red)
    }
    pub fn ok_status() -> Style {
        Style::new().fg(Color::Black).bg(Color::Green)
    }
    pub fn border() -> Style {
        Style::new().fg(Color::Cyan)
    }
    pub fn input() -> Style {
        Style::new().fg(Color::White).bg(Color::Blue)
    }
}
