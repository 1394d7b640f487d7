//! Erasing a person's personal data on request (`soxa purge`), as pure
//! changes to records: what is personal goes, what the reports count stays.
//!
//! Kept: codes, hamlets, dates, statuses, member counts, a member's team,
//! role, gender (the report counts mediators who are women), trainings and
//! ratings, a case's number, category and steps. Erased: names (replaced by
//! `PURGED_NAME`, so required fields stay valid), national ID, phone,
//! address, birth year or date, household links of a person, and free
//! text that could describe them (notes, reasons, violation descriptions).

use super::text::fold;
use super::{Commitment, Household, MediationCase, Member};

/// What an erased name reads as. It is stored data, the same in every
/// interface language, like the names it replaces.
pub const PURGED_NAME: &str = "(đã xóa theo yêu cầu)";

impl Household {
    /// Erases the head's personal data; the household still counts.
    pub fn purge_personal(&mut self) {
        self.head_name = PURGED_NAME.into();
        self.head_birth_year = None;
        self.national_id = None;
        self.phone = None;
        self.address.clear();
        self.notes.clear();
    }
}

impl Commitment {
    /// Erases who signed and the free text about the household; the
    /// status, date, items and violation dates still count.
    pub fn purge_personal(&mut self) {
        if !self.representative.is_empty() {
            self.representative = PURGED_NAME.into();
        }
        if !self.reason.is_empty() {
            self.reason = PURGED_NAME.into();
        }
        self.notes.clear();
        for v in &mut self.violations {
            v.description = PURGED_NAME.into();
        }
    }
}

impl Member {
    /// Erases the member's personal data; the team, role, gender, dates,
    /// trainings and ratings still count.
    pub fn purge_personal(&mut self) {
        self.full_name = PURGED_NAME.into();
        self.birth_date = None;
        self.phone = None;
        self.national_id = None;
        self.household = None;
        self.notes.clear();
        if let Some(left) = &mut self.left {
            left.reason.clear();
        }
    }
}

impl MediationCase {
    /// Erases every party named `name` (compared folded, so a version typed
    /// with other case or diacritics is caught too) and that name wherever
    /// the case's free text spells it. Returns how many parties it erased.
    pub fn purge_party(&mut self, name: &str) -> usize {
        let key = fold(name);
        let mut erased = 0;
        for p in self.parties.iter_mut().filter(|p| !key.is_empty() && fold(&p.name) == key) {
            p.name = PURGED_NAME.into();
            p.age = None;
            p.address.clear();
            p.household = None;
            erased += 1;
        }
        let replace = |text: &mut String| *text = replace_name(text, name);
        replace(&mut self.content);
        replace(&mut self.agreement);
        replace(&mut self.outcome_notes);
        if let Some(f) = &mut self.follow_up {
            replace(&mut f.note);
        }
        for h in &mut self.history {
            replace(&mut h.note);
        }
        erased
    }
}

/// `text` with every spelling of `name` (exact, or all in upper or lower
/// case) replaced by `PURGED_NAME`.
pub fn replace_name(text: &str, name: &str) -> String {
    if name.trim().is_empty() {
        return text.to_string();
    }
    let mut out = text.to_string();
    for spelling in [name.to_string(), name.to_uppercase(), name.to_lowercase()] {
        if out.contains(&spelling) {
            out = out.replace(&spelling, PURGED_NAME);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CaseCategory, Gender, Party, Role};
    use chrono::NaiveDate;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_purged_household_keeps_what_reports_count_and_still_validates() {
        let mut h = Household::new("T01-0001", 3, "Nguyễn Văn An");
        h.national_id = Some("001234567890".into());
        h.phone = Some("0912345678".into());
        h.address = "12 Đường Làng".into();
        h.head_birth_year = Some(1970);
        h.members = 4;
        h.living_since = Some(ymd(2020, 1, 1));
        h.purge_personal();
        assert_eq!((h.code.as_str(), h.hamlet, h.members), ("T01-0001", 3, 4));
        assert_eq!(h.living_since, Some(ymd(2020, 1, 1)));
        assert_eq!((h.head_name.as_str(), &h.national_id, &h.phone), (PURGED_NAME, &None, &None));
        assert!(h.address.is_empty() && h.head_birth_year.is_none());
        assert_eq!(h.validate(ymd(2026, 1, 1)), Ok(()));
    }

    #[test]
    fn a_purged_member_keeps_gender_role_and_dates() {
        let mut m = Member {
            id: 1,
            team: 2,
            full_name: "Lê Thị Hoa".into(),
            birth_date: Some(ymd(1980, 5, 5)),
            gender: Some(Gender::Female),
            phone: Some("0987654321".into()),
            national_id: Some("001234567891".into()),
            household: Some(9),
            role: Role::Leader,
            decision_number: String::new(),
            decision_date: None,
            joined: ymd(2024, 1, 1),
            left: None,
            trainings: Vec::new(),
            ratings: Vec::new(),
            notes: "nhà ở cạnh chợ".into(),
            stamp: Default::default(),
        };
        m.purge_personal();
        assert_eq!((m.gender, m.role, m.team, m.joined), (Some(Gender::Female), Role::Leader, 2, ymd(2024, 1, 1)));
        assert_eq!((m.full_name.as_str(), &m.phone, &m.national_id, m.household), (PURGED_NAME, &None, &None, None));
        assert!(m.birth_date.is_none() && m.notes.is_empty());
        assert_eq!(m.validate(ymd(2026, 1, 1)), Ok(()));
    }

    #[test]
    fn a_purged_party_is_erased_everywhere_in_the_case() {
        let party =
            |name: &str| Party { name: name.into(), age: Some(40), address: "Xóm 2".into(), household: Some(7) };
        let parties = vec![party("Trần Văn Bình"), party("Lê Văn Cường")];
        let mut c = MediationCase::new(ymd(2026, 1, 5), 1, CaseCategory::Civil, parties);
        c.content = "Ông Trần Văn Bình tranh chấp ranh giới với ông Lê Văn Cường".into();
        c.agreement = "TRẦN VĂN BÌNH trả lại 1m đất".into();
        assert_eq!(c.purge_party("tran van binh"), 1, "matched folded");
        assert_eq!(c.parties[0].name, PURGED_NAME);
        assert_eq!((c.parties[0].age, c.parties[0].household), (None, None));
        assert_eq!(c.parties[1].name, "Lê Văn Cường");
        // Free text is matched by spelling: the folded query finds no text.
        assert!(c.content.contains("Trần Văn Bình"));
        c.purge_party("Trần Văn Bình");
        assert!(!c.content.contains("Trần Văn Bình") && !c.agreement.contains("TRẦN VĂN BÌNH"));
        assert!(c.content.contains("Lê Văn Cường"));
    }
}
