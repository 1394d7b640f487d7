//! The shape of the JSON file, field by field (documented for provinces in
//! the user guide): plain structures with stable English keys, filled in
//! by the parent module from a summary.

use std::collections::BTreeMap;

use serde::Serialize;

#[derive(Serialize)]
pub struct File {
    pub format_version: u32,
    pub generator: String,
    pub generated_at: String,
    pub lang: &'static str,
    pub commune: Commune,
    pub period: Period,
    pub commitment_year: i32,
    /// The plan's targets table, first.
    pub targets: super::targets::Targets,
    pub thresholds: Thresholds,
    pub personal_data: &'static str,
    pub hamlets: Vec<Hamlet>,
    pub commune_wide_teams: Teams,
    pub total: Total,
    pub details: Details,
}

#[derive(Serialize)]
pub struct Commune {
    pub name: String,
    pub province: String,
}

#[derive(Serialize)]
pub struct Period {
    pub code: String,
    pub kind: &'static str,
    pub start: String,
    pub end: String,
    pub label: String,
}

#[derive(Serialize)]
pub struct Thresholds {
    pub coverage_target_percent: u8,
    pub team_min_members: u8,
    pub late_start_days: u16,
    pub overdue_days: u16,
}

#[derive(Serialize)]
pub struct Hamlet {
    pub code: String,
    pub name: String,
    pub households: Households,
    pub teams: Teams,
    pub cases: Cases,
    pub below_coverage_target: bool,
    pub without_security_team: bool,
    pub without_mediation_team: bool,
}

#[derive(Serialize)]
pub struct Total {
    pub households: Households,
    pub teams: Teams,
    pub cases: Cases,
    pub hamlets_below_coverage_target: Vec<String>,
    pub hamlets_without_security_team: Vec<String>,
    pub hamlets_without_mediation_team: Vec<String>,
}

#[derive(Serialize)]
pub struct Households {
    pub active: u32,
    pub signed: u32,
    pub coverage_percent: Option<f64>,
    pub newly_signed: u32,
    pub refused: u32,
    pub absent: u32,
    pub not_contacted: u32,
    pub violations: u32,
}

#[derive(Serialize)]
pub struct Teams {
    pub active_teams: u32,
    pub active_by_kind: BTreeMap<&'static str, u32>,
    pub active_members: u32,
    pub members_joined: u32,
    pub members_left: u32,
    pub teams_below_min_size: u32,
    pub teams_without_one_leader: u32,
    pub members_trained: u32,
    pub mediators: u32,
    pub mediators_women: u32,
}

#[derive(Serialize)]
pub struct Cases {
    pub carried_over: u32,
    pub received: u32,
    pub closed: Closed,
    pub pending: u32,
    pub success_rate_percent: Option<f64>,
    pub late_start: u32,
    pub overdue: u32,
    pub received_by_category: BTreeMap<&'static str, u32>,
}

#[derive(Serialize)]
pub struct Closed {
    pub successful: u32,
    pub unsuccessful: u32,
    pub transferred: u32,
    pub withdrawn: u32,
}

#[derive(Serialize)]
pub struct Details {
    pub not_signed: Vec<NotSigned>,
    pub refusals: Vec<Refusal>,
    pub violations: Vec<Violation>,
    pub team_warnings: Vec<TeamWarnings>,
    pub open_cases: Vec<OpenCase>,
    /// Case numbers (`12/2026`) of the open cases that are overdue.
    pub overdue_cases: Vec<String>,
    /// Case numbers of the open cases late to start.
    pub late_start_cases: Vec<String>,
}

#[derive(Serialize)]
pub struct HouseholdRef {
    pub household_code: String,
    pub head_name: String,
    pub hamlet_code: String,
}

#[derive(Serialize)]
pub struct NotSigned {
    #[serde(flatten)]
    pub household: HouseholdRef,
    pub address: String,
    pub national_id: String,
    pub phone: String,
    /// `refused`, `absent` or `not_contacted`.
    pub status: &'static str,
    pub reason: String,
}

#[derive(Serialize)]
pub struct Refusal {
    #[serde(flatten)]
    pub household: HouseholdRef,
    pub date: Option<String>,
    pub reason: String,
}

#[derive(Serialize)]
pub struct Violation {
    #[serde(flatten)]
    pub household: HouseholdRef,
    pub date: String,
    pub description: String,
}

#[derive(Serialize)]
pub struct TeamWarnings {
    pub team: String,
    pub kind: &'static str,
    /// `null` for a commune-wide team.
    pub hamlet_code: Option<String>,
    pub warnings: Vec<WarningText>,
}

#[derive(Serialize)]
pub struct WarningText {
    pub code: &'static str,
    pub text: String,
}

#[derive(Serialize)]
pub struct OpenCase {
    pub number: String,
    pub received: Option<String>,
    pub hamlet_code: String,
    pub category: Option<&'static str>,
    pub warnings: Vec<WarningText>,
}
