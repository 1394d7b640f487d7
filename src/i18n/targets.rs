//! Words of the plan's targets and of the three kinds of record issue 13
//! added: self-management models, area assessments, outreach sessions
//! (their values and the rows of the targets table). The screens that show
//! them keep their own `texts!` beside these.

use crate::domain::plan::{Due, Target};
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
    Value => "Kết quả", "Value";
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

/// "Đạt" / "Chưa đạt" of a targets row.
pub fn met(lang: Lang, met: bool) -> &'static str {
    if met { TargetText::Met } else { TargetText::NotMet }.get(lang)
}
