use encoding_rs::{WINDOWS_1252, WINDOWS_1258};
use unicode_normalization::UnicodeNormalization;

use super::*;

const VIETNAMESE: &str = "Mã hộ,Họ tên chủ hộ,Thôn,Số khẩu\n\
    T01-0001,Nguyễn Văn Đức,Thôn Đông,4\n\
    T01-0002,Trần Thị Hồng Nhung,Thôn Tây,3\n\
    T01-0003,Phạm Ngọc Đoàn,Thôn Thượng,5\n\
    T01-0004,Huỳnh Thị Yến,Ấp Mỹ Lợi,2\n";

/// Windows-1258 as Vietnamese Windows writes it: the tone marks as separate
/// combining characters after the base letter (ệ = ê + dot below).
pub fn windows_1258(text: &str) -> Vec<u8> {
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut spelled = String::new();
    for c in text.chars() {
        let parts: String = c.nfd().collect();
        let base: String = parts.chars().filter(|c| !TONES.contains(c)).collect::<String>().nfc().collect();
        spelled.push_str(&base);
        spelled.extend(parts.chars().filter(|c| TONES.contains(c)));
    }
    let (bytes, _, unmappable) = WINDOWS_1258.encode(&spelled);
    assert!(!unmappable, "the sample must be writable in Windows-1258");
    bytes.into_owned()
}

fn utf16(text: &str, little: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend(if little { [0xFF, 0xFE] } else { [0xFE, 0xFF] });
    }
    for unit in text.encode_utf16() {
        out.extend(if little { unit.to_le_bytes() } else { unit.to_be_bytes() });
    }
    out
}

#[test]
fn utf8_with_and_without_a_byte_order_mark() {
    assert_eq!(decode(VIETNAMESE.as_bytes()), (VIETNAMESE.to_string(), TextEncoding::Utf8));
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), VIETNAMESE.as_bytes()].concat();
    assert_eq!(decode(&with_bom), (VIETNAMESE.to_string(), TextEncoding::Utf8Bom));
}

#[test]
fn excel_unicode_text_is_utf16_little_endian() {
    let tsv = VIETNAMESE.replace(',', "\t").replace('\n', "\r\n");
    assert_eq!(decode(&utf16(&tsv, true, true)), (tsv.clone(), TextEncoding::Utf16Le));
    assert_eq!(decode(&utf16(&tsv, false, true)), (tsv.clone(), TextEncoding::Utf16Be));
    assert_eq!(decode(&utf16(&tsv, true, false)), (tsv.clone(), TextEncoding::Utf16Le));
    assert_eq!(decode(&utf16(&tsv, false, false)), (tsv, TextEncoding::Utf16Be));
}

#[test]
fn windows_1258_is_recognised_and_recomposed() {
    let bytes = windows_1258(VIETNAMESE);
    assert!(std::str::from_utf8(&bytes).is_err());
    let (text, found) = decode(&bytes);
    assert_eq!(found, TextEncoding::Windows1258);
    assert_eq!(text, VIETNAMESE, "decoded and normalised to NFC");
    assert!(unicode_normalization::is_nfc(&text));
}

#[test]
fn windows_1252_is_recognised() {
    let text = "Code,Head,Hamlet,Notes\n1,José Müller,Zürich,Café\n2,François Dupré,Besançon,Garçon\n\
        3,Ångström Øre,Malmö,Smörgåsbord\n";
    let (bytes, _, unmappable) = WINDOWS_1252.encode(text);
    assert!(!unmappable);
    assert_eq!(decode(&bytes), (text.to_string(), TextEncoding::Windows1252));
}

#[test]
fn decomposed_utf8_comes_out_composed() {
    let nfd: String = VIETNAMESE.nfd().collect();
    assert_eq!(decode(nfd.as_bytes()).0, VIETNAMESE);
}
