//! Reading the free-text cells of a mediation book: the parties' cell
//! ("Nguyễn Văn A, 45 tuổi, thôn Đông" and the next party on a new line or
//! after "–", "-" or ";"), the mediators' cell (names, with "Mời:" before
//! the invited persons), the outcome in words, and the kind of dispute,
//! which the book does not have and the content's words suggest.

use chrono::Datelike;

use crate::domain::text::{clean_line, fold};
use crate::domain::{CaseCategory, CaseStatus, Party};

/// Honorifics written before a name, folded.
const HONORIFICS: &[&str] = &["ong", "ba", "anh", "chi", "co", "chu", "bac", "em", "cu"];

/// The people of a cell: split on new lines, ";", "–", "—" and " - "; a
/// cell naming one person only is tried on " và ".
pub fn people(text: &str) -> Vec<String> {
    let spaced = text.replace(" - ", "\n").replace(['–', '—', ';', '\r'], "\n");
    let mut pieces: Vec<String> = spaced.split('\n').map(clean_piece).filter(|p| !p.is_empty()).collect();
    if pieces.len() == 1 {
        let split: Vec<String> = pieces[0].split(" và ").map(clean_piece).filter(|p| !p.is_empty()).collect();
        if split.len() > 1 {
            pieces = split;
        }
    }
    pieces
}

/// A piece without its bullet ("-", "+", "•", "1.", "2)").
fn clean_piece(piece: &str) -> String {
    let t = piece.trim().trim_start_matches(['-', '+', '•', '*']).trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let rest = &t[digits..];
    let t = if digits > 0 && (rest.starts_with(". ") || rest.starts_with(") ")) { &rest[2..] } else { t };
    t.trim().to_string()
}

/// A name without the honorific before it, when a name of two or more
/// words follows ("Ông Nguyễn Văn An" -> "Nguyễn Văn An"; "Anh Tuấn" stays).
pub fn bare_name(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.split_first() {
        Some((first, rest)) if rest.len() >= 2 && HONORIFICS.contains(&fold(first).as_str()) => rest.join(" "),
        _ => words.join(" "),
    }
}

/// The parties of a cell; `year` is the intake's, for "sinh 1980".
pub fn parties(text: &str, year: i32) -> Vec<Party> {
    people(text).iter().map(|p| party(p, year)).collect()
}

fn party(piece: &str, year: i32) -> Party {
    let flat = piece.replace(['(', ')'], ",");
    let mut parts = flat.split(',').map(str::trim).filter(|p| !p.is_empty());
    let name = bare_name(parts.next().unwrap_or_default());
    let mut age = None;
    let mut address = Vec::new();
    for part in parts {
        match age_in(part, year) {
            Some(a) if age.is_none() => age = Some(a),
            _ => address.push(part),
        }
    }
    Party { name, age, address: address.join(", "), household: None }
}

/// "45 tuổi", "45", "sinh 1980", "SN 1980" as an age.
fn age_in(part: &str, year: i32) -> Option<u8> {
    let folded = fold(part);
    let number: String = folded.chars().filter(char::is_ascii_digit).collect();
    let words: Vec<&str> = folded.split(' ').filter(|w| w.parse::<u32>().is_err()).collect();
    let n: i32 = number.parse().ok()?;
    let about_age = words.iter().all(|w| ["tuoi", "sinh", "sn", "nam", "nam sinh"].contains(w));
    if !about_age {
        return None;
    }
    let age = if n >= 1900 { year - n } else { n };
    u8::try_from(age).ok().filter(|a| (1..=120).contains(a))
}

/// The mediators' cell: (mediators, invited). Names after "Mời:" (or a
/// "người được mời" label) are invited persons.
pub fn mediators(text: &str) -> (Vec<String>, Vec<String>) {
    let (mut mediators, mut invited) = (Vec::new(), Vec::new());
    let mut inviting = false;
    for line in people(text) {
        let mut rest = line.as_str();
        if let Some((label, after)) = line.split_once(':') {
            inviting = fold(label).contains("moi");
            rest = after;
        }
        for name in rest.split(',').map(|n| bare_name(&clean_line(n))).filter(|n| !n.is_empty()) {
            if inviting { invited.push(name) } else { mediators.push(name) }
        }
    }
    (mediators, invited)
}

/// The outcome a cell says; `Err(())` for words that are none of them.
pub fn outcome(text: &str) -> Result<Option<CaseStatus>, ()> {
    let f = fold(text);
    let has = |w: &str| format!(" {f} ").contains(&format!(" {w} "));
    Ok(Some(if f.is_empty() {
        return Ok(None);
    } else if has("khong thanh") || has("unsuccessful") {
        CaseStatus::Unsuccessful
    } else if has("chuyen") || has("transferred") {
        CaseStatus::Transferred
    } else if has("rut") || has("withdrawn") {
        CaseStatus::Withdrawn
    } else if has("dang") || has("in progress") {
        CaseStatus::InProgress
    } else if has("thanh") || has("successful") {
        CaseStatus::Successful
    } else {
        return Err(());
    }))
}

/// Folded words naming each kind of dispute, first match wins.
const CATEGORY_WORDS: &[(&str, CaseCategory)] = &[
    ("vo chong", CaseCategory::Family),
    ("ly hon", CaseCategory::Family),
    ("hon nhan", CaseCategory::Family),
    ("gia dinh", CaseCategory::Family),
    ("nuoi con", CaseCategory::Family),
    ("cap duong", CaseCategory::Family),
    ("phung duong", CaseCategory::Family),
    ("con cai", CaseCategory::Family),
    ("dan su", CaseCategory::Civil),
    ("dat", CaseCategory::Civil),
    ("no", CaseCategory::Civil),
    ("vay", CaseCategory::Civil),
    ("tai san", CaseCategory::Civil),
    ("thua ke", CaseCategory::Civil),
    ("hop dong", CaseCategory::Civil),
    ("vi pham", CaseCategory::MinorViolation),
    ("danh nhau", CaseCategory::MinorViolation),
    ("xuc pham", CaseCategory::MinorViolation),
    ("trom", CaseCategory::MinorViolation),
    ("mau thuan", CaseCategory::Neighbours),
    ("hang xom", CaseCategory::Neighbours),
    ("loi di", CaseCategory::Neighbours),
    ("nuoc thai", CaseCategory::Neighbours),
    ("tieng on", CaseCategory::Neighbours),
    ("nha ben", CaseCategory::Neighbours),
    ("gia suc", CaseCategory::Neighbours),
    ("khac", CaseCategory::Other),
];

/// The kind of dispute the words say, if any.
pub fn category(text: &str) -> Option<CaseCategory> {
    let f = format!(" {} ", fold(text));
    CATEGORY_WORDS.iter().find(|(w, _)| f.contains(&format!(" {w} "))).map(|(_, c)| *c)
}

/// The intake year, for ages written as a year of birth.
pub fn year_of(date: chrono::NaiveDate) -> i32 {
    date.year()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parties_are_split_and_read() {
        let got = parties("Ông Nguyễn Văn An, 45 tuổi, thôn Đông\n– Bà Trần Thị Bình (sinh 1980), thôn Tây", 2026);
        assert_eq!(got.len(), 2);
        assert_eq!(
            (got[0].name.as_str(), got[0].age, got[0].address.as_str()),
            ("Nguyễn Văn An", Some(45), "thôn Đông")
        );
        assert_eq!(
            (got[1].name.as_str(), got[1].age, got[1].address.as_str()),
            ("Trần Thị Bình", Some(46), "thôn Tây")
        );
        let two = parties("Lê Văn Cường và Phạm Thị Dung", 2026);
        assert_eq!(two.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Lê Văn Cường", "Phạm Thị Dung"]);
        let semi = parties("1. Hà Văn E; 2. Đỗ Thị G, xóm 3", 2026);
        assert_eq!(semi.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Hà Văn E", "Đỗ Thị G"]);
        assert_eq!(semi[1].address, "xóm 3");
        assert_eq!(bare_name("Anh Tuấn"), "Anh Tuấn");
    }

    #[test]
    fn mediators_invited_outcome_and_category() {
        let (m, i) = mediators("Nguyễn Văn Hải, bà Lê Thị Hoa\nMời: ông Trưởng thôn Đông");
        assert_eq!(m, ["Nguyễn Văn Hải", "Lê Thị Hoa"]);
        assert_eq!(i, ["Trưởng thôn Đông"]);
        assert_eq!(outcome("Hòa giải thành"), Ok(Some(CaseStatus::Successful)));
        assert_eq!(outcome("Không thành"), Ok(Some(CaseStatus::Unsuccessful)));
        assert_eq!(outcome("Chuyển UBND xã"), Ok(Some(CaseStatus::Transferred)));
        assert_eq!(outcome("rút đơn"), Ok(Some(CaseStatus::Withdrawn)));
        assert_eq!(outcome(""), Ok(None));
        assert_eq!(outcome("=HYPERLINK(\"x\")"), Err(()));
        assert_eq!(category("Tranh chấp ranh giới đất ở"), Some(CaseCategory::Civil));
        assert_eq!(category("Mâu thuẫn vợ chồng"), Some(CaseCategory::Family));
        assert_eq!(category("Nước thải chảy sang nhà bên"), Some(CaseCategory::Neighbours));
    }
}
