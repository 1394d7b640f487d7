//! The yearly assessment of a residential area against the standard "An
//! toàn về an ninh, trật tự" (Thông tư 124/2021/TT-BCA, amended by Thông tư
//! 48/2025/TT-BCA), and the commune's own assessment computed from them.
//!
//! One [`Assessment`] per hamlet and year: the registration date, each
//! criterion of the commune's criteria catalog met or not with a note, the
//! result (đạt / không đạt), the movement's classification and the
//! recognition decision. Criterion 1's signing part ("100% of resident
//! households register") is never typed: [`signing_part_met`] computes it
//! from the commitments, and [`criterion_met`] joins it to the typed part.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::date::{check_past, opt_days};
use super::rules::{bounded, in_range};
use super::text::{MAX_LINE, MAX_NOTE, MAX_SHORT, clean_block, clean_line};
use super::{Errors, Field, FieldError, Id, Problem, Stamp};

/// The catalog id of criterion 1, whose signing part is computed.
pub const SIGNING_CRITERION: u16 = 1;

/// Đạt / không đạt "An toàn về an ninh, trật tự".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AreaResult {
    Safe,
    NotSafe,
}

impl AreaResult {
    pub const ALL: [AreaResult; 2] = [AreaResult::Safe, AreaResult::NotSafe];
}

/// The classification of the movement in the area (xếp loại phong trào).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Classification {
    Excellent,
    Good,
    Average,
    Weak,
}

impl Classification {
    pub const ALL: [Classification; 4] =
        [Classification::Excellent, Classification::Good, Classification::Average, Classification::Weak];
}

/// One criterion of the catalog, met or not, with a note. For criterion 1
/// `met` is the typed part only (the party cell's resolution and the area's
/// registration in quarter I).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// An id of `Commune::criteria`.
    pub criterion: u16,
    pub met: bool,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub id: Id,
    pub hamlet: Id,
    pub year: u16,
    /// When the area registered for the movement (quarter I, usually).
    #[serde(with = "opt_days")]
    pub registered: Option<NaiveDate>,
    /// In criterion order, one per criterion.
    pub marks: Vec<Mark>,
    pub result: Option<AreaResult>,
    pub classification: Option<Classification>,
    pub decision_number: String,
    #[serde(with = "opt_days")]
    pub decision_date: Option<NaiveDate>,
    pub notes: String,
    pub stamp: Stamp,
}

impl Assessment {
    pub fn new(hamlet: Id, year: u16) -> Self {
        Assessment {
            id: 0,
            hamlet,
            year,
            registered: None,
            marks: Vec::new(),
            result: None,
            classification: None,
            decision_number: String::new(),
            decision_date: None,
            notes: String::new(),
            stamp: Stamp::default(),
        }
    }

    /// The mark of `criterion`, if given.
    pub fn mark(&self, criterion: u16) -> Option<&Mark> {
        self.marks.iter().find(|m| m.criterion == criterion)
    }

    /// Sets (or replaces) the mark of one criterion: the one way screens,
    /// imports and the demo mark a criterion.
    pub fn set_mark(&mut self, criterion: u16, met: bool, note: &str) {
        self.marks.retain(|m| m.criterion != criterion);
        self.marks.push(Mark { criterion, met, note: note.to_string() });
        self.marks.sort_by_key(|m| m.criterion);
    }

    /// Recognised "An toàn về an ninh, trật tự".
    pub fn is_safe(&self) -> bool {
        self.result == Some(AreaResult::Safe)
    }

    pub fn normalize(&mut self) {
        self.decision_number = clean_line(&self.decision_number);
        self.notes = clean_block(&self.notes);
        for m in &mut self.marks {
            m.note = clean_line(&m.note);
        }
        self.marks.sort_by_key(|m| m.criterion);
    }

    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        let this_year = chrono::Datelike::year(&today);
        e.check(Field::Year, in_range(self.year.into(), 2000, (this_year + 1).into()));
        e.check(Field::DecisionNumber, bounded(&self.decision_number, MAX_SHORT));
        e.check(Field::Notes, bounded(&self.notes, MAX_NOTE));
        for (field, date) in [(Field::Registered, self.registered), (Field::DecisionDate, self.decision_date)] {
            if let Some(d) = date {
                e.check(field, check_past(d, today));
            }
        }
        if let (Some(r), Some(d)) = (self.registered, self.decision_date)
            && d < r
        {
            e.push(Field::DecisionDate, Problem::BeforeDate(Field::Registered));
        }
        self.mark_errors(&mut e);
        e.into_result()
    }

    fn mark_errors(&self, e: &mut Errors) {
        for (i, m) in self.marks.iter().enumerate() {
            if let Some(p) = bounded(&m.note, MAX_LINE) {
                e.push_row(Field::Criteria, i + 1, p);
            }
            if self.marks.iter().filter(|o| o.criterion == m.criterion).count() > 1 {
                e.push_row(Field::Criteria, i + 1, Problem::Duplicate);
            }
        }
    }
}

/// Criterion 1's signing part: every active household of the area signed
/// its commitment for the year (an area without households does not meet it).
pub fn signing_part_met(active: u32, signed: u32) -> bool {
    active > 0 && signed >= active
}

/// Whether a criterion is met: for criterion 1 the typed part and the
/// computed signing part together, for the others the mark alone.
pub fn criterion_met(a: &Assessment, criterion: u16, signing_met: bool) -> bool {
    let typed = a.mark(criterion).is_some_and(|m| m.met);
    if criterion == SIGNING_CRITERION { typed && signing_met } else { typed }
}

/// The commune's own assessment, computed from its areas' (never stored).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CommuneAssessment {
    pub areas: u32,
    pub registered: u32,
    pub recognised: u32,
}

impl CommuneAssessment {
    /// Every area registered and at least `recognised_pct` of them recognised.
    pub fn is_safe(&self, recognised_pct: u8) -> bool {
        let enough = u64::from(self.recognised) * 100 >= u64::from(self.areas) * u64::from(recognised_pct);
        self.areas > 0 && self.registered >= self.areas && enough
    }
}

/// The commune's assessment for the areas given (one per hamlet counted;
/// `None` for a hamlet with no assessment that year).
pub fn commune_assessment<'a>(areas: impl IntoIterator<Item = Option<&'a Assessment>>) -> CommuneAssessment {
    let mut out = CommuneAssessment::default();
    for a in areas {
        out.areas += 1;
        out.registered += u32::from(a.is_some_and(|a| a.registered.is_some()));
        out.recognised += u32::from(a.is_some_and(Assessment::is_safe));
    }
    out
}

/// The criteria of Thông tư 124/2021/TT-BCA (Article 5; criteria 4 and 5 as
/// amended by Thông tư 48/2025/TT-BCA), worded as closely as this program's
/// authors know them: clerks should check them against the circular as
/// their province publishes it and edit the catalog where they differ.
pub const CIRCULAR_CRITERIA: [&str; 5] = [
    "Trong quý I hằng năm, chi bộ có nghị quyết, khu dân cư đăng ký phấn đấu đạt tiêu chuẩn \
     \"An toàn về an ninh, trật tự\" và có 100% hộ gia đình đăng ký thực hiện",
    "Thực hiện tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước về bảo vệ an ninh quốc gia, \
     bảo đảm trật tự, an toàn xã hội và các quy định của địa phương",
    "Không để xảy ra các vụ việc: hoạt động chống Đảng, chính quyền, phá hoại khối đại đoàn kết toàn dân tộc; \
     truyền đạo, hoạt động tôn giáo trái pháp luật; tụ tập đông người, khiếu kiện trái pháp luật; \
     mâu thuẫn, tranh chấp phức tạp trong nội bộ nhân dân kéo dài",
    "Kiềm chế, làm giảm tội phạm, tệ nạn xã hội và vi phạm pháp luật so với năm trước; không để xảy ra \
     tai nạn, sự cố nghiêm trọng; các mô hình tự quản về an ninh, trật tự ở khu dân cư được duy trì",
    "Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở và các tổ chức tự quản ở khu dân cư \
     được kiện toàn, hoạt động hiệu quả",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn safe(hamlet: Id, registered: bool, result: Option<AreaResult>) -> Assessment {
        let mut a = Assessment::new(hamlet, 2026);
        a.registered = registered.then(|| d(2026, 2, 1));
        a.result = result;
        a
    }

    #[test]
    fn criterion_one_needs_its_computed_signing_part() {
        let mut a = Assessment::new(1, 2026);
        a.set_mark(SIGNING_CRITERION, true, "");
        a.set_mark(2, true, "");
        assert!(criterion_met(&a, SIGNING_CRITERION, true));
        assert!(!criterion_met(&a, SIGNING_CRITERION, false));
        assert!(criterion_met(&a, 2, false));
        assert!(!criterion_met(&a, 3, true));
        assert!(signing_part_met(40, 40) && !signing_part_met(40, 39) && !signing_part_met(0, 0));
    }

    #[test]
    fn the_commune_needs_every_area_registered_and_seventy_percent_recognised() {
        let s = Some(AreaResult::Safe);
        let ten: Vec<Assessment> = (0..10).map(|i| safe(i, true, if i < 7 { s } else { None })).collect();
        let c = commune_assessment(ten.iter().map(Some));
        assert_eq!(c, CommuneAssessment { areas: 10, registered: 10, recognised: 7 });
        assert!(c.is_safe(70));
        let six = commune_assessment(ten.iter().enumerate().map(|(i, a)| (i != 0).then_some(a)));
        assert!(!six.is_safe(70), "one area not registered");
        let mut fewer = ten.clone();
        fewer[6].result = Some(AreaResult::NotSafe);
        assert!(!commune_assessment(fewer.iter().map(Some)).is_safe(70));
    }

    #[test]
    fn marks_are_one_per_criterion_and_dates_in_order() {
        let mut a = safe(1, true, None);
        a.decision_date = Some(d(2026, 1, 5));
        a.marks.push(Mark { criterion: 2, met: true, note: String::new() });
        a.marks.push(Mark { criterion: 2, met: false, note: String::new() });
        let errs = a.validate(d(2026, 12, 1)).unwrap_err();
        assert!(errs.iter().any(|e| e.field == Field::Criteria && e.problem == Problem::Duplicate));
        assert!(errs.iter().any(|e| e.problem == Problem::BeforeDate(Field::Registered)));
    }
}
