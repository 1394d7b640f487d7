//! Text files to Rust strings: which encoding a clerk's CSV was saved in,
//! and the text in NFC.
//!
//! A byte-order mark decides first (Excel's "CSV UTF-8" writes one, and its
//! "Unicode text" is UTF-16 LE with one); then valid UTF-8 is UTF-8; then
//! UTF-16 without a mark is recognised by its zero bytes; what is left is a
//! legacy code page, guessed by chardetng between Windows-1258 (Vietnamese)
//! and Windows-1252 (Western). Windows-1258 writes most Vietnamese letters
//! as a base letter plus a combining tone mark, so the result is normalised
//! to NFC, the only form the ledger stores and compares.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252, WINDOWS_1258};
use unicode_normalization::UnicodeNormalization;

use super::sheet::TextEncoding;

/// The text of `bytes` in NFC, and the encoding it was read as.
pub fn decode(bytes: &[u8]) -> (String, TextEncoding) {
    let (encoding, found, body) = detect(bytes);
    let (text, _) = encoding.decode_without_bom_handling(body);
    (text.nfc().collect(), found)
}

fn detect(bytes: &[u8]) -> (&'static Encoding, TextEncoding, &[u8]) {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let found = if encoding == UTF_8 {
            TextEncoding::Utf8Bom
        } else if encoding == UTF_16LE {
            TextEncoding::Utf16Le
        } else {
            TextEncoding::Utf16Be
        };
        return (encoding, found, &bytes[bom..]);
    }
    if std::str::from_utf8(bytes).is_ok() {
        return (UTF_8, TextEncoding::Utf8, bytes);
    }
    if let Some(found) = utf16_without_bom(bytes) {
        let encoding = if found == TextEncoding::Utf16Le { UTF_16LE } else { UTF_16BE };
        return (encoding, found, bytes);
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    // A commune's legacy files are Vietnamese first: when chardetng names
    // some other code page, Windows-1258 is the better bet.
    if detector.guess(Some(b"vn"), Utf8Detection::Deny) == WINDOWS_1252 {
        (WINDOWS_1252, TextEncoding::Windows1252, bytes)
    } else {
        (WINDOWS_1258, TextEncoding::Windows1258, bytes)
    }
}

/// UTF-16 saved without a byte-order mark: mostly ASCII text leaves every
/// other byte zero, on the odd side for little-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<TextEncoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zeros = |offset: usize| sample.iter().skip(offset).step_by(2).filter(|b| **b == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    if odd * 10 > pairs * 4 && even * 20 < pairs {
        Some(TextEncoding::Utf16Le)
    } else if even * 10 > pairs * 4 && odd * 20 < pairs {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    }
}

#[cfg(test)]
mod tests;
