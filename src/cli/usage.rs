//! Wrong arguments (clap's usage errors, exit code 2) in the run's
//! language. An English run prints clap's own message; a Vietnamese one
//! (the default) is said from the error's kind and context
//! (`i18n::usage`), with the command's usage line and where to read more.
//! Help and version go out as clap writes them.
//!
//! The language is read from the arguments (`--lang`) and `SOXA_LANG`
//! before clap has parsed anything, since parsing is what failed.

use std::ffi::OsString;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::domain::Lang;
use crate::i18n;
use crate::i18n::usage::{self as words, Expected, Usage};

/// A value soxa parses itself that did not read; its `Display` is clap's
/// English sentence, and a Vietnamese run says it in Vietnamese.
#[derive(Debug)]
pub struct BadValue {
    pub value: String,
    pub expected: Expected,
}

impl BadValue {
    pub fn new(value: &str, expected: Expected) -> BadValue {
        BadValue { value: value.to_string(), expected }
    }
}

impl std::fmt::Display for BadValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "'{}': {}", self.value, words::expected(Lang::En, self.expected))
    }
}

impl std::error::Error for BadValue {}

/// Parses the arguments, or says why not and gives the exit code. Help
/// is in the run's language (`cli::help`).
pub fn parse<P: clap::Parser>() -> Result<P, ExitCode> {
    let lang = lang_of(std::env::args_os().skip(1), std::env::var("SOXA_LANG").ok());
    let command = super::help::localize(P::command(), lang);
    let parsed = command.try_get_matches().and_then(|m| P::from_arg_matches(&m));
    parsed.map_err(|e| match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
        }
        _ if lang == Lang::En => {
            let _ = e.print();
            ExitCode::from(2)
        }
        _ => {
            eprintln!("{}", vietnamese(&e));
            ExitCode::from(2)
        }
    })
}

/// The language asked for: `--lang X` or `--lang=X`, else `SOXA_LANG`,
/// else Vietnamese.
fn lang_of(args: impl Iterator<Item = OsString>, env: Option<String>) -> Lang {
    let args: Vec<String> = args.map(|a| a.to_string_lossy().into_owned()).collect();
    let given = args.iter().enumerate().find_map(|(i, a)| match a.strip_prefix("--lang") {
        Some("") => args.get(i + 1).cloned(),
        Some(rest) => rest.strip_prefix('=').map(str::to_string),
        None => None,
    });
    given.or(env).and_then(|s| i18n::parse_lang(&s)).unwrap_or_default()
}

/// The whole message of a Vietnamese run: the sentence, the usage line
/// and where to read more.
fn vietnamese(e: &clap::Error) -> String {
    let sentence = sentence(e);
    match text(e, ContextKind::Usage) {
        Some(usage) => {
            let usage = usage.trim().trim_start_matches("Usage:").trim().to_string();
            format!("{sentence}\n\n{}", words::usage_vi(&usage, &command_of(&usage)))
        }
        None => format!("{sentence}\n\n{}", words::more_vi()),
    }
}

/// The first line, from the error's kind and the context clap gives.
fn sentence(e: &clap::Error) -> String {
    let get = |kind| text(e, kind);
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let suggested = get(ContextKind::SuggestedArg).or_else(|| get(ContextKind::SuggestedSubcommand));
    let (arg_s, value_s) = (arg.as_deref().unwrap_or(""), value.as_deref().unwrap_or(""));
    let usage = match e.kind() {
        ErrorKind::InvalidValue if value_s.is_empty() => Usage::NoValue { arg: arg_s },
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            Usage::InvalidValue { value: value_s, arg: arg_s, why: why(e) }
        }
        ErrorKind::UnknownArgument => Usage::UnknownArgument { arg: arg_s, suggested: suggested.as_deref() },
        ErrorKind::InvalidSubcommand => {
            let name = get(ContextKind::InvalidSubcommand);
            return words::sentence_vi(&Usage::UnknownCommand {
                name: name.as_deref().unwrap_or(""),
                suggested: suggested.as_deref(),
            });
        }
        ErrorKind::MissingRequiredArgument => Usage::Missing { args: arg_s },
        ErrorKind::MissingSubcommand => Usage::MissingCommand,
        ErrorKind::ArgumentConflict => {
            let prior = get(ContextKind::PriorArg);
            return words::sentence_vi(&Usage::Conflict { arg: arg_s, with: prior.as_deref() });
        }
        _ => Usage::Other { arg: arg.as_deref() },
    };
    words::sentence_vi(&usage)
}

/// What a value that did not read should look like, when known: the
/// values clap lists, or what soxa's own parser expected.
fn why(e: &clap::Error) -> Option<String> {
    if let Some(valid) = text(e, ContextKind::ValidValue).filter(|v| !v.is_empty()) {
        return Some(words::one_of_vi(&valid));
    }
    let source = std::error::Error::source(e)?;
    source.downcast_ref::<BadValue>().map(|b| words::expected(Lang::Vi, b.expected).to_string())
}

fn text(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(v.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// "soxa report" from "soxa report [OPTIONS]".
fn command_of(usage: &str) -> String {
    let words: Vec<&str> = usage
        .split_whitespace()
        .take_while(|w| w.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') && !w.starts_with('-'))
        .collect();
    if words.is_empty() { "soxa".to_string() } else { words.join(" ") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> impl Iterator<Item = OsString> {
        list.iter().map(OsString::from).collect::<Vec<_>>().into_iter()
    }

    #[test]
    fn the_language_comes_from_lang_then_the_environment_then_vietnamese() {
        assert_eq!(lang_of(args(&["stats", "--lang", "en"]), None), Lang::En);
        assert_eq!(lang_of(args(&["--lang=en", "stats"]), Some("vi".into())), Lang::En);
        assert_eq!(lang_of(args(&["stats"]), Some("en".into())), Lang::En);
        assert_eq!(lang_of(args(&["stats", "--lang", "xx"]), None), Lang::Vi);
        assert_eq!(lang_of(args(&["stats", "--lang"]), None), Lang::Vi);
        assert_eq!(lang_of(args(&[]), None), Lang::Vi);
    }

    #[test]
    fn the_command_is_the_start_of_its_usage() {
        assert_eq!(command_of("soxa reopen --reason <REASON> <PERIOD>"), "soxa reopen");
        assert_eq!(command_of("soxa [OPTIONS] [COMMAND]"), "soxa");
        assert_eq!(command_of("soxa import households <FILE>"), "soxa import households");
    }
}
