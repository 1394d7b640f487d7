//! Words of a record's change history: the names of the parts no form field
//! names, the values that are keys in the domain (gender, rating, how a
//! case arrived...), and how each kind of record is named in it
//! ([`Subject`]).

use crate::domain::diff::Label;
use crate::domain::{
    Assessment, CaseSource, Commitment, Commune, Gender, Hamlet, Household, Lang, MediationCase, Member, Model,
    Outreach, Rating, Team,
};
use crate::i18n::households::commitment_of;
use crate::i18n::mediation::MediationText;
use crate::i18n::settings::SettingsText;
use crate::i18n::targets::TargetText;

/// How a record's change history names records of its kind. Every kind
/// has one (`history` asks it of any kind through `store::by_kind!`): a new
/// kind of record writes `impl Subject for ... {}` here, with the methods
/// it needs.
pub trait Subject {
    /// What an entry is about, where the audit summary is not enough.
    fn subject(&self, lang: Lang) -> Option<String> {
        let _ = lang;
        None
    }

    /// How another record's history names this one when it points to it
    /// (`None`: by its id).
    fn name(&self) -> Option<String> {
        None
    }
}

impl Subject for Commitment {
    /// The audit summary of a commitment names the household by id.
    fn subject(&self, lang: Lang) -> Option<String> {
        Some(commitment_of(lang, self.year))
    }
}

impl Subject for Household {
    fn name(&self) -> Option<String> {
        Some(format!("{} {}", self.code, self.head_name))
    }
}

impl Subject for Member {
    fn name(&self) -> Option<String> {
        Some(self.full_name.clone())
    }
}

impl Subject for Team {
    fn name(&self) -> Option<String> {
        Some(self.name.clone())
    }
}

impl Subject for MediationCase {
    fn name(&self) -> Option<String> {
        Some(self.number())
    }
}

impl Subject for Hamlet {
    fn name(&self) -> Option<String> {
        Some(self.display_name())
    }
}

impl Subject for Commune {}

impl Subject for Model {
    fn name(&self) -> Option<String> {
        Some(self.name.clone())
    }
}

impl Subject for Assessment {
    /// The audit summary of an assessment names the hamlet by id.
    fn subject(&self, lang: Lang) -> Option<String> {
        Some(format!("{} {}", super::entity(lang, crate::domain::EntityKind::Assessment), self.year))
    }
}

impl Subject for Outreach {
    fn name(&self) -> Option<String> {
        Some(format!("{} {}", crate::domain::date::format_dmy(self.date), self.topic))
    }
}

texts!(HistoryText {
    Title => "Lịch sử thay đổi", "Change history";
    Keys => "↑↓ PgUp PgDn: cuộn · Esc: đóng", "↑↓ PgUp PgDn: scroll · Esc: close";
    Nothing => "Chưa có thay đổi nào được ghi lại.", "No change recorded yet.";
    NoOperator => "(không rõ người nhập)", "(no operator)";
    Violations => "Vi phạm", "Violations";
    Trainings => "Tập huấn", "Trainings";
    Ratings => "Xếp loại", "Ratings";
    Steps => "Diễn biến", "Steps";
    OutcomeNotes => "Ghi chú kết quả", "Outcome notes";
    LateStartDays => "Số ngày phải bắt đầu hòa giải", "Days to begin mediation";
    HamletKind => "Loại thôn", "Hamlet kind";
    Empty => "(trống)", "(empty)";
    CommuneWide => "Toàn xã", "Commune-wide";
    Retired => "ngừng dùng", "retired";
    Passed => "đạt", "passed";
    NotPassed => "không đạt", "not passed";
    Kept => "Có thực hiện", "Kept";
    NotKept => "Không thực hiện", "Not kept";
    Age => "tuổi", "years old";
    Male => "Nam", "Male";
    Female => "Nữ", "Female";
    Excellent => "Hoàn thành xuất sắc nhiệm vụ", "Outstanding";
    Good => "Hoàn thành tốt nhiệm vụ", "Good";
    Completed => "Hoàn thành nhiệm vụ", "Completed";
    NotCompleted => "Không hoàn thành nhiệm vụ", "Not completed";
    Vietnamese => "Tiếng Việt", "Vietnamese";
    English => "Tiếng Anh", "English";
    Gone => "(đã xóa)", "(deleted)";
});

/// The name of a changed part of a record.
pub fn label(lang: Lang, l: Label) -> &'static str {
    match l {
        Label::Field(f) => super::field(lang, f),
        Label::Violations => HistoryText::Violations.get(lang),
        Label::Trainings => HistoryText::Trainings.get(lang),
        Label::Ratings => HistoryText::Ratings.get(lang),
        Label::Steps => HistoryText::Steps.get(lang),
        Label::OutcomeNotes => HistoryText::OutcomeNotes.get(lang),
        Label::LateStartDays => HistoryText::LateStartDays.get(lang),
        Label::Language => SettingsText::Language.get(lang),
        Label::HamletKind => HistoryText::HamletKind.get(lang),
        Label::ApproverTitle => SettingsText::ApproverTitle.get(lang),
        Label::ApproverName => SettingsText::ApproverName.get(lang),
        Label::PreparerTitle => SettingsText::PreparerTitle.get(lang),
        Label::PreparerName => SettingsText::PreparerName.get(lang),
        Label::Target(t) => super::targets::target(lang, t),
        Label::CommuneRecognised => TargetText::CommuneRecognised.get(lang),
        Label::MediationMinMembers => TargetText::MediationMinMembers.get(lang),
        Label::Due(d) => super::targets::due(lang, d),
        Label::Reviews => TargetText::Reviews.get(lang),
        Label::AttendingHouseholds => TargetText::AttendingHouseholds.get(lang),
    }
}

pub fn gender(lang: Lang, g: Gender) -> &'static str {
    match g {
        Gender::Male => HistoryText::Male,
        Gender::Female => HistoryText::Female,
    }
    .get(lang)
}

pub fn rating(lang: Lang, r: Rating) -> &'static str {
    match r {
        Rating::Excellent => HistoryText::Excellent,
        Rating::Good => HistoryText::Good,
        Rating::Completed => HistoryText::Completed,
        Rating::NotCompleted => HistoryText::NotCompleted,
    }
    .get(lang)
}

pub fn source(lang: Lang, s: CaseSource) -> &'static str {
    match s {
        CaseSource::PartyRequest => MediationText::SourceParty,
        CaseSource::MediatorObserved => MediationText::SourceMediator,
        CaseSource::CommuneReferred => MediationText::SourceCommune,
    }
    .get(lang)
}

pub fn language(lang: Lang, of: Lang) -> &'static str {
    match of {
        Lang::Vi => HistoryText::Vietnamese,
        Lang::En => HistoryText::English,
    }
    .get(lang)
}
