//! `soxa --help` and every command's help in the run's language (issue 14,
//! item 8): Vietnamese by default, with no clap English left in the words
//! a clerk reads, English with `--lang en` or `SOXA_LANG=en`, and real
//! examples under the commands a clerk starts with.

use crate::common::{soxa, soxa_cmd, stdout};

/// Every command and subcommand soxa has.
const COMMANDS: &[&[&str]] = &[
    &[],
    &["init"],
    &["demo"],
    &["search"],
    &["check"],
    &["stats"],
    &["report"],
    &["report", "book"],
    &["close"],
    &["reopen"],
    &["import"],
    &["import", "households"],
    &["import", "members"],
    &["import", "teams"],
    &["export"],
    &["export", "households"],
    &["export", "members"],
    &["import", "models"],
    &["import", "assessments"],
    &["import", "outreach"],
    &["import", "cases"],
    &["export", "models"],
    &["export", "assessments"],
    &["export", "outreach"],
    &["backup"],
    &["purge"],
    &["purge", "household"],
    &["purge", "member"],
    &["purge", "party"],
    &["request"],
    &["request", "list"],
    &["request", "add"],
    &["restore"],
    &["compact"],
    &["undo"],
    &["recovery-key"],
    &["user"],
    &["user", "add"],
    &["user", "list"],
    &["user", "remove"],
    &["user", "passwd"],
    &["access-log"],
];

/// Words of clap's or soxa's English help that must not be in Vietnamese help.
const ENGLISH: &[&str] =
    &["Usage:", "Options:", "Arguments:", "Commands:", "Print help", "Print version", "[default:", "[env:", " the "];

fn help(command: &[&str], extra: &[&str]) -> String {
    let mut args = command.to_vec();
    args.push("--help");
    args.extend(extra);
    let out = soxa(&args);
    assert_eq!(out.status.code(), Some(0), "{command:?}");
    stdout(&out)
}

#[test]
fn every_help_is_vietnamese_by_default() {
    for command in COMMANDS {
        let text = help(command, &[]);
        assert!(text.contains("Cách dùng: soxa"), "{command:?}: {text}");
        assert!(text.contains("In trợ giúp này"), "{command:?}: {text}");
        for english in ENGLISH {
            assert!(!text.contains(english), "{command:?} says {english:?}: {text}");
        }
        // Every argument has its words (a line of only a name has none).
        for line in text.lines().filter(|l| l.trim_start().starts_with('-') || l.trim_start().starts_with('<')) {
            assert!(line.trim().contains("  "), "{command:?}: an argument without words: {line}");
        }
    }
}

#[test]
fn every_help_is_english_when_asked() {
    for command in COMMANDS {
        let text = help(command, &["--lang", "en"]);
        assert!(text.contains("Usage: soxa") && text.contains("Print help"), "{command:?}: {text}");
        assert!(!text.contains("Cách dùng"), "{command:?}: {text}");
    }
    let by_env = soxa_cmd(&["report", "--help"]).env("SOXA_LANG", "en").output().unwrap();
    assert!(stdout(&by_env).contains("Usage: soxa report"));
}

#[test]
fn the_help_shows_commands_a_clerk_types() {
    let top = help(&[], &[]);
    assert!(top.contains("Ví dụ (chuyển sổ sách cũ sang soxa):"), "{top}");
    assert!(top.contains("soxa init --commune \"Xã Tân Hòa\" --province \"Tỉnh Long An\""), "{top}");
    let en = help(&["import", "households"], &["--lang", "en"]);
    assert!(en.contains("Examples:\n  soxa import households ho_gia_dinh.xlsx --create-hamlets --dry-run"), "{en}");
    let report = help(&["report"], &[]);
    assert!(report.contains("Ví dụ:\n  soxa report --period 2026-Q3"), "{report}");
}

/// The commands listed under "Lệnh:" in a help text (not `help`).
fn listed_commands(text: &str) -> Vec<String> {
    let lines = text.lines().skip_while(|l| !l.starts_with("Lệnh:")).skip(1);
    let listed = lines.take_while(|l| !l.trim().is_empty()).filter(|l| l.starts_with("  ") && !l.starts_with("   "));
    listed.filter_map(|l| l.split_whitespace().next()).filter(|c| *c != "help").map(str::to_string).collect()
}

#[test]
fn the_help_tests_cover_every_command() {
    let mut pending: Vec<Vec<String>> = vec![Vec::new()];
    while let Some(path) = pending.pop() {
        let args: Vec<&str> = path.iter().map(String::as_str).collect();
        assert!(COMMANDS.contains(&args.as_slice()), "{args:?} is not in COMMANDS, so its help is untested");
        for sub in listed_commands(&help(&args, &[])) {
            let mut next = path.clone();
            next.push(sub);
            pending.push(next);
        }
    }
}
