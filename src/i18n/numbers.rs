//! One way to write each kind of number, per language, for the command
//! line, the interface and the reports alike: counts ("8.000" / "8,000"),
//! decimals ("0,7" / "0.7"), durations ("0,04 giây" / "0.04 seconds"),
//! sizes ("19,1 MB" / "19.1 MB") and percentages ("87,3%" / "87.3%").
//! Vietnamese groups thousands with a dot and writes a decimal comma;
//! English the other way round.

use crate::domain::Lang;

fn separators(lang: Lang) -> (char, char) {
    match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    }
}

/// A count with its thousands grouped: "100.000", "100,000".
pub fn number(lang: Lang, n: impl std::fmt::Display) -> String {
    group(&n.to_string(), separators(lang).0)
}

fn group(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && c.is_ascii_digit() && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// `x` with `places` decimals, thousands grouped: "1.234,5", "1,234.5".
pub fn decimal(lang: Lang, x: f64, places: usize) -> String {
    let (thousands, point) = separators(lang);
    let text = format!("{x:.places$}");
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let whole = group(whole, thousands);
    if fraction.is_empty() { whole } else { format!("{whole}{point}{fraction}") }
}

/// A duration in seconds, two decimals: "0,04 giây", "12.50 seconds".
pub fn seconds(lang: Lang, secs: f64) -> String {
    let unit = match lang {
        Lang::Vi => "giây",
        Lang::En => "seconds",
    };
    format!("{} {unit}", decimal(lang, secs, 2))
}

/// A size in bytes, as Windows counts it (1 KB = 1024 bytes), one decimal:
/// "512 B", "12,5 KB", "19,1 MB", "2,3 GB".
pub fn size(lang: Lang, bytes: u64) -> String {
    const UNITS: [&str; 3] = ["KB", "MB", "GB"];
    if bytes < 1024 {
        return format!("{} B", number(lang, bytes));
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{} {}", decimal(lang, value, 1), UNITS[unit])
}

/// A per-mille rate as a percentage with one decimal, rounded down as the
/// summary computed it: "87,3%", "87.3%"; "–" when there is nothing to divide.
pub fn percent(lang: Lang, permille: Option<u16>) -> String {
    let Some(p) = permille else { return "–".into() };
    format!("{}{}{}%", number(lang, p / 10), separators(lang).1, p % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_group_thousands_the_languages_way() {
        assert_eq!(number(Lang::Vi, 8000), "8.000");
        assert_eq!(number(Lang::En, 8000), "8,000");
        assert_eq!(number(Lang::Vi, 999), "999");
        assert_eq!(number(Lang::Vi, 1_234_567), "1.234.567");
        assert_eq!(number(Lang::En, -1234), "-1,234");
    }

    #[test]
    fn decimals_use_a_comma_in_vietnamese_and_a_point_in_english() {
        assert_eq!(decimal(Lang::Vi, 0.7, 1), "0,7");
        assert_eq!(decimal(Lang::En, 0.7, 1), "0.7");
        assert_eq!(decimal(Lang::Vi, 1234.56, 2), "1.234,56");
        assert_eq!(decimal(Lang::En, 1234.56, 2), "1,234.56");
        assert_eq!(decimal(Lang::Vi, 3.0, 0), "3");
    }

    #[test]
    fn durations_are_seconds_with_two_decimals() {
        assert_eq!(seconds(Lang::Vi, 0.04), "0,04 giây");
        assert_eq!(seconds(Lang::En, 0.7), "0.70 seconds");
        assert_eq!(seconds(Lang::Vi, 1234.5), "1.234,50 giây");
    }

    #[test]
    fn sizes_pick_their_unit() {
        assert_eq!(size(Lang::Vi, 512), "512 B");
        assert_eq!(size(Lang::Vi, 12_800), "12,5 KB");
        assert_eq!(size(Lang::En, 20_027_802), "19.1 MB");
        assert_eq!(size(Lang::Vi, 20_027_802), "19,1 MB");
        assert_eq!(size(Lang::En, 3 * 1024 * 1024 * 1024), "3.0 GB");
    }

    #[test]
    fn percentages_keep_one_decimal() {
        assert_eq!(percent(Lang::Vi, Some(873)), "87,3%");
        assert_eq!(percent(Lang::En, Some(873)), "87.3%");
        assert_eq!(percent(Lang::Vi, Some(1000)), "100,0%");
        assert_eq!(percent(Lang::En, None), "–");
    }
}
