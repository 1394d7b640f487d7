//! Words of the plan's targets and of the three kinds of record issue 13
//! added: self-management models, area assessments, outreach sessions
//! (their values and the rows of the targets table). The screens that show
//! them keep their own `texts!` beside these.

use crate::domain::plan::{Due, DueState, Target};
use crate::domain::{AreaResult, Classification, Lang, Verdict};

texts!(TargetText {
    Title => "Kết quả thực hiện chỉ tiêu", "Targets";
    Signed => "Hộ gia đình ký cam kết", "Households signed";
    Reached => "Hộ được tuyên truyền", "Households reached by outreach";
    Safe => "Khu dân cư đạt \"An toàn về ANTT\"", "Residential areas recognised safe";
    Excellent => "Khu dân cư xếp loại xuất sắc", "Areas classified excellent";
    Good => "Khu dân cư xếp loại khá", "Areas classified good";
    Weak => "Khu dân cư xếp loại yếu", "Areas classified weak";
    Models => "Khu dân cư có mô hình hiệu quả", "Areas with an effective model";
    Training => "Lớp tập huấn lực lượng nòng cốt trong năm", "Trainings of core forces this year";
    MediationTeams => "Tổ hòa giải đủ thành viên, có nữ", "Mediation teams full, with a woman";
    Value => "Tỷ lệ đạt được", "Share achieved";
    Section => "KẾT QUẢ THỰC HIỆN CHỈ TIÊU", "TARGETS OF THE PLAN";
    Table => "Các chỉ tiêu của kế hoạch", "The plan's targets";
    Target => "Chỉ tiêu", "Target";
    Met => "Đạt", "Met";
    NotMet => "Chưa đạt", "Not met";
    Indicator => "Chỉ tiêu", "Indicator";
    AtMost => "tối đa", "at most";
    AtLeast => "tối thiểu", "at least";
    CommuneRecognised => "Tỷ lệ khu dân cư được công nhận để xã đạt chuẩn (%)", "Areas recognised for the commune to qualify (%)";
    MediationMinMembers => "Số thành viên tối thiểu của tổ hòa giải", "Members a mediation team needs";
    DueHalfYear => "Hạn báo cáo 6 tháng", "6-month report due";
    DueYear => "Hạn báo cáo năm", "Yearly report due";
    DueReview => "Hạn sơ kết, xếp loại năm", "Yearly review due";
    Reviews => "Đánh giá hằng năm", "Yearly reviews";
    AttendingHouseholds => "Hộ tham dự", "Attending households";
    Effective => "Hiệu quả", "Effective";
    NotYet => "Chưa hiệu quả", "Not yet effective";
    Dropped => "Thanh loại", "Dropped";
    SafeArea => "Đạt", "Safe";
    NotSafeArea => "Không đạt", "Not safe";
    ClassExcellent => "Xuất sắc", "Excellent";
    ClassGood => "Khá", "Good";
    ClassAverage => "Trung bình", "Average";
    ClassWeak => "Yếu", "Weak";
    MetMark => "đạt", "met";
    Sheet => "Chỉ tiêu", "Targets";
    Part => "Số đạt được", "Achieved";
    ShortPart => "Đạt được", "Achieved";
    Whole => "Trên tổng số", "Out of";
    ShortWhole => "Tổng số", "Out of";
    ShortValue => "Tỷ lệ", "Share";
    Outcome => "Đánh giá", "Assessment";
    ByHamlet => "Kết quả theo thôn", "By hamlet";
    ShortReached => "Được TT", "Reached";
    ReachRate => "Tỷ lệ hộ được tuyên truyền", "Share of households reached";
    ShortReachRate => "% TT", "% reached";
    AreaResult => "Kết quả đánh giá \"An toàn về ANTT\"", "Assessed safe";
    ShortAreaResult => "ANTT", "Safe";
    AreaClass => "Xếp loại phong trào", "Movement classification";
    ShortAreaClass => "Xếp loại", "Class";
    EffectiveModels => "Số mô hình hiệu quả", "Effective models";
    ShortEffectiveModels => "MH hiệu quả", "Eff. models";
    NotMetMark => "không đạt", "not met";
});

pub fn target(lang: Lang, t: Target) -> &'static str {
    use TargetText as W;
    match t {
        Target::Signed => W::Signed,
        Target::Reached => W::Reached,
        Target::Safe => W::Safe,
        Target::Excellent => W::Excellent,
        Target::Good => W::Good,
        Target::Weak => W::Weak,
        Target::Models => W::Models,
        Target::Training => W::Training,
        Target::MediationTeams => W::MediationTeams,
    }
    .get(lang)
}

pub fn due(lang: Lang, d: Due) -> &'static str {
    match d {
        Due::HalfYear => TargetText::DueHalfYear,
        Due::Year => TargetText::DueYear,
        Due::Review => TargetText::DueReview,
    }
    .get(lang)
}

pub fn verdict(lang: Lang, v: Verdict) -> &'static str {
    match v {
        Verdict::Effective => TargetText::Effective,
        Verdict::NotYet => TargetText::NotYet,
        Verdict::Dropped => TargetText::Dropped,
    }
    .get(lang)
}

pub fn area_result(lang: Lang, r: AreaResult) -> &'static str {
    match r {
        AreaResult::Safe => TargetText::SafeArea,
        AreaResult::NotSafe => TargetText::NotSafeArea,
    }
    .get(lang)
}

pub fn classification(lang: Lang, c: Classification) -> &'static str {
    match c {
        Classification::Excellent => TargetText::ClassExcellent,
        Classification::Good => TargetText::ClassGood,
        Classification::Average => TargetText::ClassAverage,
        Classification::Weak => TargetText::ClassWeak,
    }
    .get(lang)
}

/// The target of a row as the clerk reads it: "≥ 75%", "≤ 0", "≥ 1".
pub fn threshold(lang: Lang, t: Target, threshold: u16) -> String {
    let sign = if t.at_most() { "≤" } else { "≥" };
    let _ = lang;
    if t.is_share() { format!("{sign} {threshold}%") } else { format!("{sign} {threshold}") }
}

/// "12 đạt", "12 safe": the total of the areas' results.
pub fn safe_count(lang: Lang, n: u32) -> String {
    format!("{n} {}", TargetText::SafeArea.get(lang).to_lowercase())
}

/// The line on the commune's own recognition under the targets table.
pub fn commune_recognition(lang: Lang, recognised: u32, areas: u32, registered: u32, safe: bool) -> String {
    let verdict = if safe { TargetText::SafeArea } else { TargetText::NotSafeArea }.get(lang).to_lowercase();
    match lang {
        Lang::Vi => format!(
            "Xã: {registered}/{areas} khu dân cư đăng ký, {recognised}/{areas} được công nhận \"An toàn về ANTT\": {verdict}"
        ),
        Lang::En => {
            format!("Commune: {registered}/{areas} areas registered, {recognised}/{areas} recognised safe: {verdict}")
        }
    }
}

texts!(PanelText {
    Signed => "Ký", "Signed";
    Reached => "Tuyên truyền", "Reached";
    Safe => "ANTT", "Safe";
    Excellent => "Xuất sắc", "Excellent";
    Good => "Khá", "Good";
    Weak => "Yếu", "Weak";
    Models => "Mô hình", "Models";
    Training => "Tập huấn", "Training";
    MediationTeams => "Tổ HG", "Med. teams";
    DueHalfYear => "BC 6 tháng", "6-month report";
    DueYear => "BC năm", "yearly report";
    DueReview => "sơ kết năm", "yearly review";
});

texts!(PlanFormText {
    Signed => "Hộ ký cam kết (%)", "Households signed (%)";
    Reached => "Hộ được tuyên truyền (%)", "Households reached (%)";
    Safe => "KDC an toàn ANTT (%)", "Areas safe (%)";
    Excellent => "KDC xuất sắc (%)", "Areas excellent (%)";
    Good => "KDC khá (%)", "Areas good (%)";
    Weak => "KDC yếu (tối đa)", "Areas weak (at most)";
    Models => "KDC có mô hình HQ (%)", "Areas with a model (%)";
    Training => "Lớp tập huấn/năm", "Trainings a year";
    MediationSize => "Tổ hòa giải tối thiểu", "Mediation team size";
    CommuneSafe => "Xã đạt chuẩn: KDC (%)", "Commune safe: areas (%)";
    DueHalfYear => "Hạn BC 6 tháng (dd/mm)", "6-month due (dd/mm)";
    DueYear => "Hạn BC năm (dd/mm)", "Yearly due (dd/mm)";
    DueReview => "Hạn sơ kết (dd/mm)", "Review due (dd/mm)";
});

/// "Chỉ tiêu 2026 (đạt 5/9):", heading the dashboard's targets.
pub fn panel_head(lang: Lang, year: i32, met: usize, all: usize) -> String {
    match lang {
        Lang::Vi => format!("Chỉ tiêu {year} (đạt {met}/{all}):"),
        Lang::En => format!("Targets {year} ({met}/{all} met):"),
    }
}

/// "Ký 88,0%✗", "Yếu 0✓": one target on the dashboard.
pub fn panel_item(lang: Lang, t: Target, part: u32, permille: Option<u16>, share: bool, met: bool) -> String {
    use PanelText as P;
    let name = match t {
        Target::Signed => P::Signed,
        Target::Reached => P::Reached,
        Target::Safe => P::Safe,
        Target::Excellent => P::Excellent,
        Target::Good => P::Good,
        Target::Weak => P::Weak,
        Target::Models => P::Models,
        Target::Training => P::Training,
        Target::MediationTeams => P::MediationTeams,
    }
    .get(lang);
    let value = if share { super::reports::percent(lang, permille) } else { super::number(lang, part) };
    format!("{name} {value}{}", if met { "✓" } else { "✗" })
}

/// "sơ kết năm 10/12/2026 (còn 4 ngày)", "(đã chốt)" once its period is
/// closed, "(quá hạn 8 ngày, chưa chốt)" when past due and still open.
pub fn due_item(lang: Lang, d: Due, date: &str, state: DueState) -> String {
    let name = match d {
        Due::HalfYear => PanelText::DueHalfYear,
        Due::Year => PanelText::DueYear,
        Due::Review => PanelText::DueReview,
    }
    .get(lang);
    format!("{name} {date} ({})", due_state(lang, state))
}

fn due_state(lang: Lang, state: DueState) -> String {
    match (lang, state) {
        (Lang::Vi, DueState::Left(0)) => "hôm nay".into(),
        (Lang::Vi, DueState::Left(days)) => format!("còn {} ngày", super::number(lang, days)),
        (Lang::Vi, DueState::Closed) => "đã chốt".into(),
        (Lang::Vi, DueState::Overdue(days)) => format!("quá hạn {} ngày, chưa chốt", super::number(lang, days)),
        (Lang::En, DueState::Left(0)) => "today".into(),
        (Lang::En, DueState::Left(1)) => "1 day left".into(),
        (Lang::En, DueState::Left(days)) => format!("{} days left", super::number(lang, days)),
        (Lang::En, DueState::Closed) => "closed".into(),
        (Lang::En, DueState::Overdue(1)) => "1 day overdue, not closed".into(),
        (Lang::En, DueState::Overdue(days)) => format!("{} days overdue, not closed", super::number(lang, days)),
    }
}

/// "Hạn: sơ kết năm … · BC 6 tháng …".
pub fn due_line(lang: Lang, items: &[String]) -> String {
    format!("{} {}", pick_due(lang), items.join(" · "))
}

fn pick_due(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Hạn:",
        Lang::En => "Due:",
    }
}

/// "Đạt" / "Chưa đạt" of a targets row.
pub fn met(lang: Lang, met: bool) -> &'static str {
    if met { TargetText::Met } else { TargetText::NotMet }.get(lang)
}

/// "42 hộ dự" / "42 households attended" (an outreach session in a lookup).
pub fn households_attended(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Vi => format!("{} hộ dự", super::number(lang, n)),
        Lang::En => format!("{} households attended", super::number(lang, n)),
    }
}
