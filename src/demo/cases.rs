//! Mediation cases over three years, as the hamlets' mediation log books
//! would hold them: mostly closed with success, some failed, transferred or
//! withdrawn, the recent ones still open, a few started late or overdue.
//! Each case walks its statuses with `MediationCase::move_to`, so its
//! history is the one the application itself would have written.

use chrono::{Datelike, NaiveDate};
use rand::Rng;

use super::data::Data;
use super::households::Town;
use super::people::{self, add_days, between, int, ymd};
use crate::domain::case::follow_up_due;
use crate::domain::{
    CaseCategory, CaseSource, CaseStatus, Field, FieldError, FollowUp, Gender, Id, MediationCase, Party, Problem,
};

/// In `CaseCategory::ALL` order: neighbours, civil, family, minor violation, other.
const CATEGORY_WEIGHTS: [u32; 5] = [30, 35, 20, 10, 5];
const SOURCES: [CaseSource; 3] = [CaseSource::PartyRequest, CaseSource::MediatorObserved, CaseSource::CommuneReferred];
const SOURCE_WEIGHTS: [u32; 3] = [60, 25, 15];
const OUTCOMES: [CaseStatus; 4] =
    [CaseStatus::Successful, CaseStatus::Unsuccessful, CaseStatus::Transferred, CaseStatus::Withdrawn];
const OUTCOME_WEIGHTS: [u32; 4] = [70, 15, 8, 7];
/// Days from receipt to the first session: 1 to 5, mostly within the legal 3.
const START_WEIGHTS: [u32; 5] = [30, 30, 25, 10, 5];

/// A mediator: member id, joined, left.
pub type Mediator = (Id, NaiveDate, Option<NaiveDate>);

/// How a case's story is decided before it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Course {
    /// Walks the usual timeline towards this outcome, as far as today allows.
    Natural(CaseStatus),
    /// Old and still in progress.
    Overdue,
    /// Received, assigned, no session yet after more than 3 days.
    LateStart,
    /// Received in the last days.
    Fresh,
}

struct Plan {
    received: NaiveDate,
    category: CaseCategory,
    course: Course,
}

/// About one case a year per 15 households (20,000 over three years for
/// 100,000 households), never fewer than 30.
pub fn case_count(households: usize) -> usize {
    (households / 5).max(30)
}

/// The cases, numbered `1/YYYY, 2/YYYY...` in order of receipt.
pub fn cases(
    data: &Data,
    rng: &mut impl Rng,
    town: &Town,
    mediators: &[Vec<Mediator>],
    today: NaiveDate,
) -> Result<Vec<MediationCase>, FieldError> {
    let mut plans = plans(rng, case_count(town.households.len()), today);
    plans.sort_by_key(|p| p.received);
    let mut out = Vec::with_capacity(plans.len());
    let mut last_seq: Option<(u16, u32)> = None;
    for plan in &plans {
        let writer = Writer { data, town, mediators, today };
        let mut case = writer.case(rng, plan)?;
        let seq = match last_seq {
            Some((year, seq)) if year == case.year => seq + 1,
            _ => 1,
        };
        case.seq = seq;
        last_seq = Some((case.year, seq));
        out.push(case);
    }
    Ok(out)
}

/// Receipt dates and courses; the first plans are fixed so that a small demo
/// still shows every category, every outcome and every flag.
fn plans(rng: &mut impl Rng, count: usize, today: NaiveDate) -> Vec<Plan> {
    let first_day = ymd(today.year() - 2, 1, 1);
    let old = add_days(today, -60);
    let flagged = (count / 1000).max(2);
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let category = match CaseCategory::ALL.get(i) {
            Some(c) => *c,
            None => CaseCategory::ALL[people::weighted(rng, &CATEGORY_WEIGHTS)],
        };
        let outcome = OUTCOMES[people::weighted(rng, &OUTCOME_WEIGHTS)];
        let (received, course) = match i {
            i if i < OUTCOMES.len() => (between(rng, first_day, old), Course::Natural(OUTCOMES[i])),
            i if i < OUTCOMES.len() + flagged => (add_days(today, -int(rng, 35, 120)), Course::Overdue),
            i if i < OUTCOMES.len() + 2 * flagged => (add_days(today, -int(rng, 5, 20)), Course::LateStart),
            i if i < OUTCOMES.len() + 2 * flagged + 1 => (add_days(today, -int(rng, 0, 2)), Course::Fresh),
            _ => {
                let received = between(rng, first_day, today);
                let stuck = received < old && rng.random_bool(0.005);
                (received, if stuck { Course::Overdue } else { Course::Natural(outcome) })
            }
        };
        out.push(Plan { received: received.max(first_day), category, course });
    }
    out
}

struct Writer<'a> {
    data: &'a Data,
    town: &'a Town,
    mediators: &'a [Vec<Mediator>],
    today: NaiveDate,
}

impl Writer<'_> {
    fn case(&self, rng: &mut impl Rng, plan: &Plan) -> Result<MediationCase, FieldError> {
        // A household drawn at random: big hamlets get more cases.
        let anchor = people::index(rng, self.town.households.len());
        let hamlet = self.town.by_hamlet.iter().position(|hs| hs.binary_search(&anchor).is_ok()).unwrap_or(0);
        let parties = self.parties(rng, plan, hamlet);
        let hamlet_id = self.town.hamlets.get(hamlet).map_or(0, |h| h.id);
        let mut c = MediationCase::new(plan.received, hamlet_id, plan.category, parties);
        c.content = people::pick(rng, self.data.subjects(plan.category)).to_string();
        c.source = SOURCES[people::weighted(rng, &SOURCE_WEIGHTS)];
        c.mediators = self.mediators(rng, hamlet, plan.received);
        if rng.random_bool(0.15) {
            c.invited.push(self.town.hamlet_heads[hamlet].clone());
        }
        c.assigned = Some(between(rng, plan.received, add_days(plan.received, 1)).min(self.today));
        self.walk(rng, &mut c, plan.course).map_err(|p| FieldError::new(Field::Status, p))?;
        Ok(c)
    }

    fn parties(&self, rng: &mut impl Rng, plan: &Plan, hamlet: usize) -> Vec<Party> {
        let count = if plan.category != CaseCategory::Family && rng.random_bool(0.15) { 3 } else { 2 };
        let mut out: Vec<Party> = Vec::with_capacity(count);
        for k in 0..count {
            let gender = match (plan.category, k) {
                (CaseCategory::Family, 0) => Gender::Male,
                (CaseCategory::Family, _) => Gender::Female,
                _ => people::gender(rng, 0.3),
            };
            let party = match (plan.category, out.first()) {
                (CaseCategory::Family, Some(husband)) if k == 1 => self.spouse(rng, husband),
                // A family dispute is mostly inside one household.
                (CaseCategory::Family, None) => self.household_party(rng, hamlet, gender, plan.received, &out),
                _ if rng.random_bool(0.45) => self.household_party(rng, hamlet, gender, plan.received, &out),
                _ => None,
            };
            out.push(party.unwrap_or_else(|| self.stranger(rng, hamlet, gender)));
        }
        out
    }

    /// A party who heads a household of the hamlet; a husband and wife's
    /// dispute brings the head's spouse as the second party.
    fn household_party(
        &self,
        rng: &mut impl Rng,
        hamlet: usize,
        gender: Gender,
        on: NaiveDate,
        so_far: &[Party],
    ) -> Option<Party> {
        let pool = self.town.by_hamlet.get(hamlet)?;
        let i = *pool.get(people::index(rng, pool.len()))?;
        let (h, head) = (self.town.households.get(i)?, self.town.heads.get(i)?);
        if so_far.iter().any(|p| p.household == Some(h.id)) || head.gender != gender {
            return None;
        }
        let age = h.head_birth_year.map(|y| people::age_in(i32::from(y), on));
        let address = format!("{}, {}", h.address, self.town.hamlets[hamlet].display_name());
        Some(Party {
            name: h.head_name.clone(),
            age: age.and_then(|a| u8::try_from(a).ok()),
            address,
            household: Some(h.id),
        })
    }

    /// The wife of a household's head, in a family dispute with him.
    fn spouse(&self, rng: &mut impl Rng, husband: &Party) -> Option<Party> {
        let id = husband.household?;
        let i = self.town.households.binary_search_by_key(&id, |h| h.id).ok()?;
        let name = self.town.heads.get(i)?.spouse.clone()?;
        let age = husband.age.map(|a| a.saturating_sub(u8::try_from(int(rng, 0, 6)).unwrap_or(0)).max(18));
        Some(Party { name, age, address: husband.address.clone(), household: Some(id) })
    }

    fn stranger(&self, rng: &mut impl Rng, hamlet: usize, gender: Gender) -> Party {
        let street = people::pick(rng, &self.data.streets);
        let place = self.town.hamlets.get(hamlet).map(|h| h.display_name()).unwrap_or_default();
        Party {
            name: people::name(self.data, rng, gender),
            age: u8::try_from(int(rng, 20, 80)).ok(),
            address: format!("Số {}, {street}, {place}", int(rng, 1, 250)),
            household: None,
        }
    }

    /// One to three mediators of the hamlet's mediation teams, in the team
    /// on the day the case came in when possible.
    fn mediators(&self, rng: &mut impl Rng, hamlet: usize, on: NaiveDate) -> Vec<Id> {
        let all = self.mediators.get(hamlet).map_or(&[][..], Vec::as_slice);
        let active: Vec<Id> =
            all.iter().filter(|(_, joined, left)| *joined <= on && left.is_none_or(|l| l > on)).map(|m| m.0).collect();
        let pool: Vec<Id> = if active.is_empty() { all.iter().map(|m| m.0).collect() } else { active };
        let wanted = 1 + people::weighted(rng, &[40, 45, 15]);
        (0..wanted).filter_map(|_| pool.get(people::index(rng, pool.len())).copied()).collect()
    }

    fn walk(&self, rng: &mut impl Rng, c: &mut MediationCase, course: Course) -> Result<(), Problem> {
        let received = c.received;
        match course {
            Course::Fresh | Course::LateStart => Ok(()),
            Course::Overdue => {
                let start = add_days(received, int(rng, 1, 3)).min(self.today);
                c.move_to(CaseStatus::InProgress, start, "Tổ chức hòa giải lần 1")
            }
            Course::Natural(outcome) => self.natural(rng, c, outcome),
        }
    }

    /// Start 1-5 days after receipt, close 3-40 days later; whatever would
    /// fall after today has not happened yet.
    fn natural(&self, rng: &mut impl Rng, c: &mut MediationCase, outcome: CaseStatus) -> Result<(), Problem> {
        let start = add_days(c.received, 1 + people::weighted(rng, &START_WEIGHTS) as i64);
        // Some withdraw or are sent on before any session is held.
        let skip = matches!(outcome, CaseStatus::Withdrawn | CaseStatus::Transferred) && rng.random_bool(0.3);
        let close = if skip { add_days(start, int(rng, 0, 7)) } else { add_days(start, int(rng, 3, 40)) };
        if !skip && start <= self.today {
            c.move_to(CaseStatus::InProgress, start, "Tổ chức hòa giải lần 1")?;
        }
        if close > self.today || (!skip && start > self.today) {
            return Ok(());
        }
        let note = self.outcome_note(outcome, c.category);
        c.move_to(outcome, close, note)?;
        c.outcome_notes = note.to_string();
        if outcome == CaseStatus::Successful {
            c.agreement = agreement(rng, c.category, &c.content).to_string();
            c.follow_up = rng.random_bool(0.4).then(|| self.follow_up(rng, close));
        } else if outcome == CaseStatus::Unsuccessful {
            c.agreement = "Các bên giữ nguyên yêu cầu của mình, không thống nhất được phương án giải quyết.".into();
        }
        Ok(())
    }

    fn outcome_note(&self, outcome: CaseStatus, category: CaseCategory) -> &'static str {
        match (outcome, category) {
            (CaseStatus::Successful, _) => "Hòa giải thành, các bên ký biên bản hòa giải thành.",
            (CaseStatus::Unsuccessful, _) => {
                "Hòa giải không thành; hướng dẫn các bên đề nghị cơ quan có thẩm quyền giải quyết."
            }
            (CaseStatus::Transferred, CaseCategory::MinorViolation) => {
                "Chuyển Công an xã xem xét, xử lý theo thẩm quyền."
            }
            (CaseStatus::Transferred, _) => "Vượt thẩm quyền hòa giải ở cơ sở; chuyển UBND xã giải quyết.",
            (CaseStatus::Withdrawn, _) => "Các bên tự thỏa thuận được, rút yêu cầu hòa giải.",
            _ => "",
        }
    }

    fn follow_up(&self, rng: &mut impl Rng, closed: NaiveDate) -> FollowUp {
        let due = follow_up_due(closed).unwrap_or(closed);
        if due > self.today {
            return FollowUp { due, kept: None, note: String::new() };
        }
        let kept = rng.random_bool(0.92);
        let note = if kept {
            "Các bên đã thực hiện đúng thỏa thuận."
        } else {
            "Một bên chưa thực hiện thỏa thuận; tổ hòa giải tiếp tục vận động."
        };
        FollowUp { due, kept: Some(kept), note: note.into() }
    }
}

/// What the parties agreed, by kind of dispute and what it was about.
fn agreement(rng: &mut impl Rng, category: CaseCategory, content: &str) -> &'static str {
    let about = |words: &[&str]| words.iter().any(|w| content.contains(w));
    let options: &[&'static str] = match category {
        CaseCategory::Neighbours => &[
            "Hai bên xin lỗi nhau, cam kết giữ đoàn kết xóm giềng, không để tái diễn.",
            "Bên gây ảnh hưởng cam kết khắc phục ngay, hai bên vui vẻ hòa thuận.",
        ],
        CaseCategory::Civil if about(&["đất", "ranh giới", "mốc giới", "lối đi", "tường"]) => &[
            "Hai bên thống nhất mốc giới theo bản đồ địa chính, cùng cắm lại cọc mốc.",
            "Hai bên thống nhất giữ nguyên hiện trạng, cùng sử dụng và sửa chữa phần chung.",
        ],
        CaseCategory::Civil if about(&["nợ", "tiền", "vay", "cọc"]) => &[
            "Bên có nghĩa vụ cam kết trả làm ba đợt, trả hết trong sáu tháng.",
            "Hai bên đối chiếu, thống nhất số tiền còn thiếu và thời hạn thanh toán.",
        ],
        CaseCategory::Civil => &["Hai bên thống nhất phương án giải quyết, ký biên bản và cam kết thực hiện."],
        CaseCategory::Family => &[
            "Các bên cam kết tôn trọng, không xúc phạm nhau, cùng chăm lo cho gia đình.",
            "Các thành viên thống nhất phân công trách nhiệm chăm sóc, phụng dưỡng.",
        ],
        CaseCategory::MinorViolation => &["Bên vi phạm xin lỗi, bồi thường thiệt hại và cam kết không tái phạm."],
        CaseCategory::Other => &["Các bên thống nhất phương án giải quyết, ký biên bản hòa giải thành."],
    };
    options.get(people::index(rng, options.len())).copied().unwrap_or("")
}
