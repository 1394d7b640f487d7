//! Field rules shared by every record: required text, lengths, national ID
//! and phone formats, number ranges. Each returns the problem, if any.

use super::Problem;
use super::text::char_len;

pub fn required(value: &str, max: usize) -> Option<Problem> {
    if value.is_empty() { Some(Problem::Required) } else { bounded(value, max) }
}

/// A code (household, hamlet): required, and with at least one letter or
/// digit, since codes are compared by their folded form.
pub fn code(value: &str, max: usize) -> Option<Problem> {
    if !value.chars().any(char::is_alphanumeric) { Some(Problem::Required) } else { bounded(value, max) }
}

pub fn bounded(value: &str, max: usize) -> Option<Problem> {
    (char_len(value) > max).then_some(Problem::TooLong { max })
}

/// A CCCD (citizen identity card) number has exactly 12 digits.
pub fn national_id(value: &str) -> Option<Problem> {
    let ok = value.len() == 12 && value.bytes().all(|b| b.is_ascii_digit());
    (!ok).then_some(Problem::NationalIdDigits)
}

/// Vietnamese phone numbers: 10 digits starting with 0 for mobiles, landlines
/// 10-11 digits; "+84" is accepted in place of the leading 0. Spaces, dots and
/// dashes are removed by [`normalize_phone`] before this check.
pub fn phone(value: &str) -> Option<Problem> {
    let digits = value.strip_prefix("+84").map(|r| format!("0{r}"));
    let v = digits.as_deref().unwrap_or(value);
    let ok = v.starts_with('0') && (10..=11).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit());
    (!ok).then_some(Problem::PhoneFormat)
}

/// Drops the separators people type inside phone numbers.
pub fn normalize_phone(value: &str) -> String {
    value.chars().filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')')).collect()
}

pub fn in_range(value: i64, min: i64, max: i64) -> Option<Problem> {
    (!(min..=max).contains(&value)).then_some(Problem::OutOfRange { min, max })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_ids_have_twelve_digits() {
        assert_eq!(national_id("001234567890"), None);
        assert_eq!(national_id("00123456789"), Some(Problem::NationalIdDigits));
        assert_eq!(national_id("0012345678901"), Some(Problem::NationalIdDigits));
        assert_eq!(national_id("00123456789a"), Some(Problem::NationalIdDigits));
    }

    #[test]
    fn phones_are_vietnamese_numbers() {
        assert_eq!(phone(&normalize_phone("0912.345.678")), None);
        assert_eq!(phone("+84912345678"), None);
        assert_eq!(phone("02213851234"), None);
        assert_eq!(phone("912345678"), Some(Problem::PhoneFormat));
        assert_eq!(phone("09123"), Some(Problem::PhoneFormat));
    }

    #[test]
    fn lengths_count_characters() {
        assert_eq!(required("", 5), Some(Problem::Required));
        assert_eq!(required("Đặng", 4), None);
        assert_eq!(required("Đặng!", 4), Some(Problem::TooLong { max: 4 }));
    }
}
