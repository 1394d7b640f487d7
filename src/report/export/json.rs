//! The JSON export: the numbers of the summary in a plain, documented shape
//! (docs/USER_GUIDE.*, "JSON"), so that a province can merge the files of
//! many communes. Built here from the [`Summary`] rather than serializing
//! it, so that internal changes do not change the file: keys are stable
//! English words, kinds are `snake_case` keys, dates are ISO
//! (`2026-07-01`), rates are percentages with one decimal rounded down
//! (`null` when there is nothing to divide). The targets table comes first
//! (`targets`). Labels (hamlet names, the
//! period's words, warnings) are in the report's language.

mod shape;
mod targets;

use shape::*;

use super::names::Names;
use super::{ExportError, ExportOptions};
use crate::domain::{CaseCategory, CommitmentStatus, Id, PeriodKind, TeamKind, Warning};
use crate::i18n;
use crate::report::{CaseCounts, Dataset, HouseholdCounts, Summary, TeamCounts};

/// Raised when a field is renamed or removed, or its meaning changes;
/// adding a field keeps the version.
pub const FORMAT_VERSION: u32 = 1;

/// The JSON file's bytes (pretty-printed, UTF-8, no BOM).
pub fn write(data: &Dataset, s: &Summary, names: &Names, o: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    let file = build(data, s, names, o);
    let mut bytes = serde_json::to_vec_pretty(&file).map_err(|e| ExportError::Build(e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn build(data: &Dataset, s: &Summary, names: &Names, o: &ExportOptions) -> File {
    let lang = o.lang;
    let codes = |ids: &[Id]| ids.iter().map(|id| names.hamlet_code(*id)).collect::<Vec<_>>();
    File {
        format_version: FORMAT_VERSION,
        generator: format!("soxa {}", env!("CARGO_PKG_VERSION")),
        generated_at: o.generated_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
        lang: match lang {
            crate::domain::Lang::Vi => "vi",
            crate::domain::Lang::En => "en",
        },
        commune: Commune { name: data.commune.name.clone(), province: data.commune.province.clone() },
        period: Period {
            code: s.period.code(),
            kind: period_kind(s.period.kind),
            start: iso(s.period.start),
            end: iso(s.period.end),
            label: i18n::period_label(lang, &s.period),
        },
        commitment_year: s.commitment_year,
        targets: targets::build(s, names, lang),
        thresholds: Thresholds {
            coverage_target_percent: s.thresholds.coverage_target_pct,
            team_min_members: s.thresholds.team_min_members,
            late_start_days: s.thresholds.late_start_days,
            overdue_days: s.thresholds.overdue_days,
        },
        personal_data: if o.include_personal { "full" } else { "masked" },
        hamlets: s
            .hamlets
            .iter()
            .map(|h| Hamlet {
                code: h.code.clone(),
                name: h.name.clone(),
                households: households(&h.households),
                teams: teams(&h.teams),
                cases: cases(&h.cases),
                below_coverage_target: h.below_coverage_target,
                without_security_team: h.without_security_team,
                without_mediation_team: h.without_mediation_team,
            })
            .collect(),
        commune_wide_teams: teams(&s.commune_wide),
        total: Total {
            households: households(&s.total.households),
            teams: teams(&s.total.teams),
            cases: cases(&s.total.cases),
            hamlets_below_coverage_target: codes(&s.total.hamlets_below_coverage_target),
            hamlets_without_security_team: codes(&s.total.hamlets_without_security_team),
            hamlets_without_mediation_team: codes(&s.total.hamlets_without_mediation_team),
        },
        details: details(s, names, lang),
    }
}

fn households(c: &HouseholdCounts) -> Households {
    Households {
        active: c.active,
        signed: c.signed,
        coverage_percent: percent(c.coverage_permille),
        newly_signed: c.newly_signed,
        refused: c.refused,
        absent: c.absent,
        not_contacted: c.not_contacted,
        violations: c.violations,
    }
}

fn teams(c: &TeamCounts) -> Teams {
    Teams {
        active_teams: c.active_teams,
        active_by_kind: TeamKind::ALL.iter().map(|k| (team_kind(*k), c.active_of(*k))).collect(),
        active_members: c.active_members,
        members_joined: c.members_joined,
        members_left: c.members_left,
        teams_below_min_size: c.teams_below_min_size,
        teams_without_one_leader: c.teams_without_one_leader,
        members_trained: c.members_trained,
        mediators: c.mediators,
        mediators_women: c.mediators_women,
    }
}

fn cases(c: &CaseCounts) -> Cases {
    Cases {
        carried_over: c.carried_over,
        received: c.received,
        closed: Closed {
            successful: c.closed.successful,
            unsuccessful: c.closed.unsuccessful,
            transferred: c.closed.transferred,
            withdrawn: c.closed.withdrawn,
        },
        pending: c.pending,
        success_rate_percent: percent(c.success_rate_permille),
        late_start: c.late_start,
        overdue: c.overdue,
        received_by_category: CaseCategory::ALL.iter().map(|k| (category(*k), c.received_of(*k))).collect(),
    }
}

fn details(s: &Summary, names: &Names, lang: crate::domain::Lang) -> Details {
    let d = &s.details;
    let household = |id: Id| match names.household(id) {
        Some(h) => HouseholdRef {
            household_code: h.code.clone(),
            head_name: h.head_name.clone(),
            hamlet_code: names.hamlet_code(h.hamlet),
        },
        None => HouseholdRef { household_code: String::new(), head_name: String::new(), hamlet_code: String::new() },
    };
    let warnings = |list: &[Warning]| {
        list.iter().map(|w| WarningText { code: warning_code(w), text: i18n::warning(lang, *w) }).collect()
    };
    let number = |id: Id| names.case(id).map(|c| c.number()).unwrap_or_default();
    Details {
        not_signed: d
            .not_signed
            .iter()
            .map(|n| {
                let h = names.household(n.household);
                NotSigned {
                    household: household(n.household),
                    address: h.map(|h| h.address.clone()).unwrap_or_default(),
                    national_id: h.map(|h| names.national_id(h)).unwrap_or_default(),
                    phone: h.map(|h| names.phone(h)).unwrap_or_default(),
                    status: match n.status {
                        Some(CommitmentStatus::Refused) => "refused",
                        Some(CommitmentStatus::Absent) => "absent",
                        Some(CommitmentStatus::Signed) => "signed",
                        None => "not_contacted",
                    },
                    reason: n
                        .commitment
                        .and_then(|c| names.commitment(c))
                        .map(|c| c.reason.clone())
                        .unwrap_or_default(),
                }
            })
            .collect(),
        refusals: d
            .refusals
            .iter()
            .map(|r| {
                let c = names.commitment(r.commitment);
                Refusal {
                    household: household(r.household),
                    date: c.map(|c| iso(c.date)),
                    reason: c.map(|c| c.reason.clone()).unwrap_or_default(),
                }
            })
            .collect(),
        violations: d
            .violations
            .iter()
            .map(|v| Violation {
                household: household(v.household),
                date: iso(v.date),
                description: v.description.clone(),
            })
            .collect(),
        team_warnings: d
            .team_warnings
            .iter()
            .map(|t| {
                let team = names.team(t.team);
                TeamWarnings {
                    team: team.map(|t| t.name.clone()).unwrap_or_default(),
                    kind: team.map_or("other", |t| team_kind(t.kind)),
                    hamlet_code: t.hamlet.map(|h| names.hamlet_code(h)),
                    warnings: warnings(&t.warnings),
                }
            })
            .collect(),
        open_cases: d
            .open_cases
            .iter()
            .map(|o| {
                let c = names.case(o.case);
                OpenCase {
                    number: number(o.case),
                    received: c.map(|c| iso(c.received)),
                    hamlet_code: names.hamlet_code(o.hamlet),
                    category: c.map(|c| category(c.category)),
                    warnings: warnings(&o.flags),
                }
            })
            .collect(),
        overdue_cases: d.overdue_cases.iter().map(|id| number(*id)).collect(),
        late_start_cases: d.late_start_cases.iter().map(|id| number(*id)).collect(),
    }
}

/// 873 per mille -> 87.3; exact in decimal, as the summary rounded it.
fn percent(permille: Option<u16>) -> Option<f64> {
    permille.map(|p| f64::from(p) / 10.0)
}

fn iso(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn period_kind(k: PeriodKind) -> &'static str {
    match k {
        PeriodKind::Quarter { .. } => "quarter",
        PeriodKind::Half { .. } => "half_year",
        PeriodKind::Year(_) => "year",
        PeriodKind::Custom => "range",
    }
}

fn team_kind(k: TeamKind) -> &'static str {
    match k {
        TeamKind::Security => "security",
        TeamKind::SelfManaged => "self_managed",
        TeamKind::Mediation => "mediation",
        TeamKind::ShockBrigade => "shock_brigade",
        TeamKind::Militia => "militia",
        TeamKind::Other => "other",
    }
}

fn category(c: CaseCategory) -> &'static str {
    match c {
        CaseCategory::Neighbours => "neighbours",
        CaseCategory::Civil => "civil",
        CaseCategory::Family => "family",
        CaseCategory::MinorViolation => "minor_violation",
        CaseCategory::Other => "other",
    }
}

fn warning_code(w: &Warning) -> &'static str {
    match w {
        Warning::TeamNoLeader => "team_no_leader",
        Warning::TeamSeveralLeaders { .. } => "team_several_leaders",
        Warning::TeamUnderStrength { .. } => "team_under_strength",
        Warning::MediationTeamNoWoman => "mediation_team_no_woman",
        Warning::MemberUnder18 { .. } => "member_under_18",
        Warning::MemberOver70 { .. } => "member_over_70",
        Warning::MemberNotTrainedThisYear => "member_not_trained",
        Warning::CaseLateStart { .. } => "case_late_start",
        Warning::CaseOverdue { .. } => "case_overdue",
        Warning::ModelNotReviewed { .. } => "model_not_reviewed",
        Warning::HamletNoEffectiveModel { .. } => "hamlet_no_effective_model",
    }
}
