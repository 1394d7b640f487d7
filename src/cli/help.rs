//! The help of `soxa` and of every command in the run's language: the
//! command clap derives from `Cli` is built, then this pass puts in the
//! Vietnamese words of each command and argument (`i18n::help`), clap's
//! headings and its own `--help`, `--version` and `help` in Vietnamese,
//! and real examples under the commands a clerk starts with (both
//! languages). An English run keeps the derive's doc comments.

use clap::{Arg, Command};

use crate::domain::Lang;
use crate::i18n::help as words;

/// clap's usual layout, with the usage heading in Vietnamese.
const TEMPLATE_VI: &str = "{before-help}{about-with-newline}\n{usage-heading} {usage}\n\n{all-args}{after-help}";

/// The command, built, with its help in `lang`.
pub fn localize(mut cmd: Command, lang: Lang) -> Command {
    cmd.build();
    pass(cmd, "soxa", lang)
}

fn pass(mut cmd: Command, path: &str, lang: Lang) -> Command {
    if let Some(examples) = words::examples(lang, path) {
        cmd = cmd.after_help(examples);
    }
    if lang == Lang::Vi {
        cmd = vietnamese(cmd, path);
    }
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        let sub_path = format!("{path} {name}");
        cmd = cmd.mut_subcommand(name, |s| pass(s, &sub_path, lang));
    }
    cmd
}

fn vietnamese(mut cmd: Command, path: &str) -> Command {
    if let Some(about) = words::about_vi(path) {
        cmd = cmd.about(about);
    }
    if cmd.get_name() == "help" {
        cmd = cmd.about(words::HELP_COMMAND);
    }
    cmd = cmd
        .help_template(TEMPLATE_VI.replace("{usage-heading}", words::USAGE))
        .subcommand_help_heading(words::COMMANDS)
        .subcommand_value_name(words::COMMAND);
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        cmd = cmd.mut_arg(&id, |a| argument(a, path, &id));
    }
    cmd
}

fn argument(a: Arg, path: &str, id: &str) -> Arg {
    let heading = if a.is_positional() { words::ARGUMENTS } else { words::OPTIONS };
    let a = a.help_heading(heading).hide_default_value(true).hide_env(true);
    match id {
        "help" => a.help(words::HELP),
        "version" => a.help(words::VERSION),
        _ => match words::arg_vi(path, id) {
            Some(help) => a.help(help),
            None => a,
        },
    }
}
