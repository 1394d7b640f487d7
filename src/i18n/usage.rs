//! Words of the command line's usage errors in Vietnamese (wrong arguments,
//! exit code 2): `cli::usage` reads clap's error kind and context and says
//! it here. An English run keeps clap's own English message; the values
//! soxa itself parses (a period, a format, a language) are told in both.

use crate::domain::Lang;

/// The value of an argument soxa parses itself did not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    Period,
    Format,
    Lang,
}

/// What such a value should look like, after "'X': ".
pub fn expected(lang: Lang, e: Expected) -> &'static str {
    match (e, lang) {
        (Expected::Period, Lang::Vi) => "cần dạng 2026-Q3, 2026-H1, 2026 hoặc 01/07/2026..30/09/2026",
        (Expected::Period, Lang::En) => "expected 2026-Q3, 2026-H1, 2026 or 01/07/2026..30/09/2026",
        (Expected::Format, Lang::Vi) => "cần xlsx, csv, md hoặc json",
        (Expected::Format, Lang::En) => "expected xlsx, csv, md or json",
        (Expected::Lang, Lang::Vi) => "cần vi hoặc en",
        (Expected::Lang, Lang::En) => "expected vi or en",
    }
}

/// One usage error, as clap's context gives it (Vietnamese only).
pub enum Usage<'a> {
    /// A value that does not read; `why` says what was expected, if known.
    InvalidValue {
        value: &'a str,
        arg: &'a str,
        why: Option<String>,
    },
    /// An option given without its value (`--db` last).
    NoValue {
        arg: &'a str,
    },
    UnknownArgument {
        arg: &'a str,
        suggested: Option<&'a str>,
    },
    UnknownCommand {
        name: &'a str,
        suggested: Option<&'a str>,
    },
    Missing {
        args: &'a str,
    },
    MissingCommand,
    Conflict {
        arg: &'a str,
        with: Option<&'a str>,
    },
    /// Anything else wrong with the arguments, naming one if known.
    Other {
        arg: Option<&'a str>,
    },
}

/// "lỗi: giá trị 'pdf' không hợp lệ cho '--format <FORMAT>': cần ...".
pub fn sentence_vi(u: &Usage) -> String {
    let hint = |s: Option<&str>| s.map(|s| format!(" (có phải ý là '{s}'?)")).unwrap_or_default();
    let body = match u {
        Usage::InvalidValue { value, arg, why } => {
            let why = why.as_ref().map(|w| format!(": {w}")).unwrap_or_default();
            format!("giá trị '{value}' không hợp lệ cho '{arg}'{why}")
        }
        Usage::NoValue { arg } => format!("thiếu giá trị cho '{arg}'"),
        Usage::UnknownArgument { arg, suggested } => format!("không có tham số '{arg}'{}", hint(*suggested)),
        Usage::UnknownCommand { name, suggested } => format!("không có lệnh '{name}'{}", hint(*suggested)),
        Usage::Missing { args } => format!("thiếu tham số bắt buộc: {args}"),
        Usage::MissingCommand => "thiếu tên lệnh".to_string(),
        Usage::Conflict { arg, with: Some(with) } => format!("không dùng '{arg}' cùng với '{with}'"),
        Usage::Conflict { arg, with: None } => format!("không dùng được '{arg}' ở đây"),
        Usage::Other { arg: Some(arg) } => format!("tham số '{arg}' không đúng cách dùng"),
        Usage::Other { arg: None } => "tham số dòng lệnh không đúng cách dùng".to_string(),
    };
    format!("lỗi: {body}")
}

/// The lines after the sentence: how the command is used, where to read more.
pub fn usage_vi(usage: &str, command: &str) -> String {
    format!("Cách dùng: {usage}\n\nXem thêm: {command} --help")
}

/// Where to read more when clap gives no usage line.
pub fn more_vi() -> &'static str {
    "Xem thêm: thêm --help vào cuối lệnh."
}

/// "chọn một trong: xlsx, csv" (the values clap knows are valid).
pub fn one_of_vi(valid: &str) -> String {
    format!("chọn một trong: {valid}")
}
