//! What changed between two versions of a record: which part, its old value
//! and its new one. Values are keys (a date, a status, the id of a hamlet),
//! never words; `crate::history` turns them into the lines of a record's
//! change history. A list (violations, trainings, parties, the steps of a
//! case) changes by the items added and removed, so an edited violation
//! reads as one removed and one added instead of a wall of old and new text.

use chrono::NaiveDate;

use super::plan::{Due, Target};
use super::{AreaResult, Assessment, Classification, Model, Outreach, Verdict};
use super::{
    CaseCategory, CaseSource, CaseStatus, Commitment, CommitmentStatus, Commune, EntityKind, Field, Gender, Hamlet,
    HamletKind, Household, HouseholdStatus, Id, Lang, MediationCase, Member, Rating, Role, Team, TeamKind, TeamStatus,
};

/// What a changed part of a record is called: a form field, or a part that
/// no form field names (a list, a setting not on any form).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Label {
    Field(Field),
    Violations,
    Trainings,
    Ratings,
    /// The status steps of a mediation case.
    Steps,
    OutcomeNotes,
    LateStartDays,
    Language,
    HamletKind,
    ApproverTitle,
    ApproverName,
    PreparerTitle,
    PreparerName,
    /// A threshold of the plan's targets table.
    Target(Target),
    /// The share of areas the commune's own recognition needs.
    CommuneRecognised,
    /// A members' count mediation teams need.
    MediationMinMembers,
    /// A due day of the reporting calendar.
    Due(Due),
    /// A model's yearly reviews.
    Reviews,
    /// The attending households of an outreach session.
    AttendingHouseholds,
}

/// One value as a person reads it, before it is put in words.
#[derive(Clone, Debug, PartialEq)]
pub enum Fact {
    /// Not filled in.
    Empty,
    Text(String),
    Number(i64),
    Year(u16),
    Date(NaiveDate),
    Age(u8),
    /// Another record, named by whoever reads the history.
    Ref(EntityKind, Id),
    /// A team of no hamlet.
    CommuneWide,
    /// An item of the commune's commitment catalog, by its number.
    CatalogItem(u16),
    /// A catalog item no longer offered for new commitments.
    Retired,
    Passed(bool),
    /// Whether a mediation agreement was kept.
    Kept(bool),
    CommitmentStatus(CommitmentStatus),
    CaseStatus(CaseStatus),
    CaseSource(CaseSource),
    CaseCategory(CaseCategory),
    TeamKind(TeamKind),
    Role(Role),
    Gender(Gender),
    Rating(Rating),
    HamletKind(HamletKind),
    Lang(Lang),
    /// An item of the commune's catalog of model kinds.
    ModelKind(u16),
    /// An item of the commune's catalog of area criteria.
    Criterion(u16),
    Verdict(Verdict),
    AreaResult(AreaResult),
    Classification(Classification),
    /// Met or not (a criterion).
    Met(bool),
    /// A day of the year (dd/mm).
    DayMonth(u8, u8),
    /// One item of a list whose parts read together ("12/03/2026 Đánh bạc").
    Parts(Vec<Fact>),
    List(Vec<Fact>),
}

/// How one part changed.
#[derive(Clone, Debug, PartialEq)]
pub enum Delta {
    Set {
        old: Fact,
        new: Fact,
    },
    /// An item put into a list.
    Added(Fact),
    /// An item taken out of a list.
    Removed(Fact),
}

#[derive(Clone, Debug, PartialEq)]
pub struct FieldChange {
    pub label: Label,
    pub delta: Delta,
}

/// A record seen as its parts, in the order a person reads them. Two
/// versions of one type give the same labels in the same order.
pub trait Facts {
    fn facts(&self) -> Vec<(Label, Fact)>;
}

/// Every part that differs between `old` and `new`, in reading order; list
/// items removed come before those added.
pub fn diff<R: Facts>(old: &R, new: &R) -> Vec<FieldChange> {
    let mut out = Vec::new();
    for ((label, a), (_, b)) in old.facts().into_iter().zip(new.facts()) {
        if a == b {
            continue;
        }
        match (a, b) {
            (Fact::List(a), Fact::List(b)) => list_changes(label, a, b, &mut out),
            (old, new) => out.push(FieldChange { label, delta: Delta::Set { old, new } }),
        }
    }
    out
}

/// The form fields in which `new` differs from `old`, each once, in reading
/// order; parts no form field names (lists, settings) are left out.
pub fn changed_fields<R: Facts>(old: &R, new: &R) -> Vec<Field> {
    let mut out = Vec::new();
    for change in diff(old, new) {
        if let Label::Field(f) = change.label
            && !out.contains(&f)
        {
            out.push(f);
        }
    }
    out
}

/// Items of `old` not in `new` (each occurrence counted), then items of
/// `new` not in `old`: a reordered list has no change.
fn list_changes(label: Label, old: Vec<Fact>, new: Vec<Fact>, out: &mut Vec<FieldChange>) {
    let mut unmatched_new: Vec<Option<Fact>> = new.into_iter().map(Some).collect();
    for item in old {
        match unmatched_new.iter().position(|n| n.as_ref() == Some(&item)) {
            Some(i) => unmatched_new[i] = None,
            None => out.push(FieldChange { label, delta: Delta::Removed(item) }),
        }
    }
    out.extend(unmatched_new.into_iter().flatten().map(|item| FieldChange { label, delta: Delta::Added(item) }));
}

fn text(s: &str) -> Fact {
    if s.is_empty() { Fact::Empty } else { Fact::Text(s.to_string()) }
}

fn opt<T>(v: Option<T>, f: impl FnOnce(T) -> Fact) -> Fact {
    v.map_or(Fact::Empty, f)
}

fn field(f: Field, fact: Fact) -> (Label, Fact) {
    (Label::Field(f), fact)
}

impl Facts for Household {
    fn facts(&self) -> Vec<(Label, Fact)> {
        let moved = match self.status {
            HouseholdStatus::Active => Fact::Empty,
            HouseholdStatus::MovedOut { on } => Fact::Date(on),
        };
        vec![
            field(Field::HouseholdCode, text(&self.code)),
            field(Field::Hamlet, Fact::Ref(EntityKind::Hamlet, self.hamlet)),
            field(Field::HeadName, text(&self.head_name)),
            field(Field::HeadBirthYear, opt(self.head_birth_year, Fact::Year)),
            field(Field::NationalId, opt(self.national_id.as_deref(), text)),
            field(Field::Address, text(&self.address)),
            field(Field::MemberCount, Fact::Number(self.members.into())),
            field(Field::Phone, opt(self.phone.as_deref(), text)),
            field(Field::LivingSince, opt(self.living_since, Fact::Date)),
            field(Field::MovedOut, moved),
            field(Field::Notes, text(&self.notes)),
        ]
    }
}

impl Facts for Commitment {
    fn facts(&self) -> Vec<(Label, Fact)> {
        let violations = self.violations.iter().map(|v| Fact::Parts(vec![Fact::Date(v.date), text(&v.description)]));
        vec![
            field(Field::Year, Fact::Year(self.year)),
            field(Field::Status, Fact::CommitmentStatus(self.status)),
            field(Field::CommitmentDate, Fact::Date(self.date)),
            field(Field::Reason, text(&self.reason)),
            field(Field::Representative, text(&self.representative)),
            field(Field::Witness, text(&self.witness)),
            field(Field::Items, Fact::List(self.items.iter().map(|i| Fact::CatalogItem(*i)).collect())),
            (Label::Violations, Fact::List(violations.collect())),
            field(Field::Notes, text(&self.notes)),
        ]
    }
}

impl Facts for Team {
    fn facts(&self) -> Vec<(Label, Fact)> {
        let dissolved = match self.status {
            TeamStatus::Active => Fact::Empty,
            TeamStatus::Dissolved { on } => Fact::Date(on),
        };
        vec![
            field(Field::TeamName, text(&self.name)),
            field(Field::TeamKind, Fact::TeamKind(self.kind)),
            field(Field::Hamlet, self.hamlet.map_or(Fact::CommuneWide, |h| Fact::Ref(EntityKind::Hamlet, h))),
            field(Field::Established, opt(self.established, Fact::Date)),
            field(Field::Dissolved, dissolved),
            field(Field::Notes, text(&self.notes)),
        ]
    }
}

impl Facts for Member {
    fn facts(&self) -> Vec<(Label, Fact)> {
        let trainings = self
            .trainings
            .iter()
            .map(|t| Fact::Parts(vec![Fact::Date(t.date), text(&t.course), Fact::Passed(t.passed)]));
        let ratings = self.ratings.iter().map(|r| Fact::Parts(vec![Fact::Year(r.year), Fact::Rating(r.rating)]));
        vec![
            field(Field::Team, Fact::Ref(EntityKind::Team, self.team)),
            field(Field::FullName, text(&self.full_name)),
            field(Field::BirthDate, opt(self.birth_date, Fact::Date)),
            field(Field::Gender, opt(self.gender, Fact::Gender)),
            field(Field::Phone, opt(self.phone.as_deref(), text)),
            field(Field::NationalId, opt(self.national_id.as_deref(), text)),
            field(Field::Household, opt(self.household, |h| Fact::Ref(EntityKind::Household, h))),
            field(Field::Role, Fact::Role(self.role)),
            field(Field::DecisionNumber, text(&self.decision_number)),
            field(Field::DecisionDate, opt(self.decision_date, Fact::Date)),
            field(Field::Joined, Fact::Date(self.joined)),
            field(Field::Left, opt(self.left.as_ref(), |l| Fact::Date(l.on))),
            field(Field::LeftReason, opt(self.left.as_ref(), |l| text(&l.reason))),
            (Label::Trainings, Fact::List(trainings.collect())),
            (Label::Ratings, Fact::List(ratings.collect())),
            field(Field::Notes, text(&self.notes)),
        ]
    }
}

impl Facts for MediationCase {
    fn facts(&self) -> Vec<(Label, Fact)> {
        let parties = self.parties.iter().map(|p| {
            Fact::Parts(vec![
                text(&p.name),
                opt(p.age, Fact::Age),
                text(&p.address),
                opt(p.household, |h| Fact::Ref(EntityKind::Household, h)),
            ])
        });
        let mediators = self.mediators.iter().map(|m| Fact::Ref(EntityKind::Member, *m));
        let steps = self
            .history
            .iter()
            .map(|s| Fact::Parts(vec![Fact::Date(s.date), Fact::CaseStatus(s.status), text(&s.note)]));
        let follow = self.follow_up.as_ref();
        vec![
            field(Field::CaseNumber, Fact::Text(self.number())),
            field(Field::Received, Fact::Date(self.received)),
            field(Field::Source, Fact::CaseSource(self.source)),
            field(Field::Hamlet, Fact::Ref(EntityKind::Hamlet, self.hamlet)),
            field(Field::Category, Fact::CaseCategory(self.category)),
            field(Field::Parties, Fact::List(parties.collect())),
            field(Field::Content, text(&self.content)),
            field(Field::Mediators, Fact::List(mediators.collect())),
            field(Field::Invited, Fact::List(self.invited.iter().map(|i| text(i)).collect())),
            field(Field::Assigned, opt(self.assigned, Fact::Date)),
            field(Field::Started, opt(self.started, Fact::Date)),
            field(Field::Status, Fact::CaseStatus(self.status)),
            field(Field::Closed, opt(self.closed, Fact::Date)),
            field(Field::Agreement, text(&self.agreement)),
            (Label::OutcomeNotes, text(&self.outcome_notes)),
            field(Field::FollowUpDate, opt(follow, |f| Fact::Date(f.due))),
            field(Field::FollowUpKept, opt(follow.and_then(|f| f.kept), Fact::Kept)),
            field(Field::FollowUpNote, opt(follow, |f| text(&f.note))),
            (Label::Steps, Fact::List(steps.collect())),
        ]
    }
}

impl Facts for Hamlet {
    fn facts(&self) -> Vec<(Label, Fact)> {
        vec![
            field(Field::HamletCode, text(&self.code)),
            field(Field::HamletName, text(&self.name)),
            (Label::HamletKind, Fact::HamletKind(self.kind)),
        ]
    }
}

impl Facts for Commune {
    fn facts(&self) -> Vec<(Label, Fact)> {
        let s = &self.settings;
        let items = self.catalog.iter().map(|i| {
            let mut parts = vec![text(&i.text)];
            if !i.active {
                parts.push(Fact::Retired);
            }
            Fact::Parts(parts)
        });
        vec![
            field(Field::CommuneName, text(&self.name)),
            field(Field::Province, text(&self.province)),
            (Label::ApproverTitle, text(&self.approver.title)),
            (Label::ApproverName, text(&self.approver.name)),
            (Label::PreparerTitle, text(&self.preparer.title)),
            (Label::PreparerName, text(&self.preparer.name)),
            field(Field::TeamMinMembers, Fact::Number(s.team_min_members.into())),
            field(Field::OverdueDays, Fact::Number(s.overdue_days.into())),
            (Label::LateStartDays, Fact::Number(s.late_start_days.into())),
            field(Field::CoverageTarget, Fact::Number(s.coverage_target_pct.into())),
            (Label::Language, Fact::Lang(s.language)),
            field(Field::Operator, text(&s.operator)),
            field(Field::CatalogItem, Fact::List(items.collect())),
            field(Field::ModelKind, catalog(&self.model_kinds)),
            field(Field::Criteria, catalog(&self.criteria)),
        ]
        .into_iter()
        .chain(plan_facts(&self.plan))
        .collect()
    }
}

fn catalog(items: &[super::CatalogItem]) -> Fact {
    let parts = items.iter().map(|i| {
        let mut parts = vec![text(&i.text)];
        if !i.active {
            parts.push(Fact::Retired);
        }
        Fact::Parts(parts)
    });
    Fact::List(parts.collect())
}

fn plan_facts(plan: &super::Plan) -> Vec<(Label, Fact)> {
    let mut out: Vec<(Label, Fact)> = Target::ALL
        .into_iter()
        .filter(|t| *t != Target::MediationTeams)
        .map(|t| (Label::Target(t), Fact::Number(plan.threshold(t).into())))
        .collect();
    out.push((Label::MediationMinMembers, Fact::Number(plan.mediation_min_members.into())));
    out.push((Label::CommuneRecognised, Fact::Number(plan.commune_recognised_pct.into())));
    for (due, day) in [(Due::HalfYear, plan.half_year_due), (Due::Year, plan.year_due), (Due::Review, plan.review_due)]
    {
        out.push((Label::Due(due), Fact::DayMonth(day.day, day.month)));
    }
    out
}

impl Facts for Model {
    fn facts(&self) -> Vec<(Label, Fact)> {
        let reviews = self.reviews.iter().map(|r| {
            Fact::Parts(vec![Fact::Year(r.year), Fact::Verdict(r.verdict), opt(r.date, Fact::Date), text(&r.reason)])
        });
        vec![
            field(Field::ModelName, text(&self.name)),
            field(Field::ModelKind, Fact::ModelKind(self.kind)),
            field(Field::Hamlet, self.hamlet.map_or(Fact::CommuneWide, |h| Fact::Ref(EntityKind::Hamlet, h))),
            field(Field::ModelStarted, Fact::Date(self.started)),
            field(Field::Team, opt(self.team, |t| Fact::Ref(EntityKind::Team, t))),
            (Label::Reviews, Fact::List(reviews.collect())),
            field(Field::Notes, text(&self.notes)),
        ]
    }
}

impl Facts for Assessment {
    fn facts(&self) -> Vec<(Label, Fact)> {
        let marks =
            self.marks.iter().map(|m| Fact::Parts(vec![Fact::Criterion(m.criterion), Fact::Met(m.met), text(&m.note)]));
        vec![
            field(Field::Hamlet, Fact::Ref(EntityKind::Hamlet, self.hamlet)),
            field(Field::Year, Fact::Year(self.year)),
            field(Field::Registered, opt(self.registered, Fact::Date)),
            field(Field::Criteria, Fact::List(marks.collect())),
            field(Field::AreaResult, opt(self.result, Fact::AreaResult)),
            field(Field::Classification, opt(self.classification, Fact::Classification)),
            field(Field::DecisionNumber, text(&self.decision_number)),
            field(Field::DecisionDate, opt(self.decision_date, Fact::Date)),
            field(Field::Notes, text(&self.notes)),
        ]
    }
}

impl Facts for Outreach {
    fn facts(&self) -> Vec<(Label, Fact)> {
        let hamlets = self.hamlets.iter().map(|h| Fact::Ref(EntityKind::Hamlet, *h));
        let households = self.households.iter().map(|h| Fact::Ref(EntityKind::Household, *h));
        vec![
            field(Field::OutreachDate, Fact::Date(self.date)),
            field(Field::Hamlet, Fact::List(hamlets.collect())),
            field(Field::Topic, text(&self.topic)),
            field(Field::Speaker, text(&self.speaker)),
            (Label::AttendingHouseholds, Fact::List(households.collect())),
            field(Field::HeadCount, Fact::Number(self.head_count.into())),
            field(Field::Notes, text(&self.notes)),
        ]
    }
}

#[cfg(test)]
mod tests;
