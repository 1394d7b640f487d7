//! The `targets` object of the JSON file, its first section: the rows of
//! the targets table under stable keys, the per-hamlet figures and the
//! commune's own recognition.

use serde::Serialize;

use super::percent;
use crate::domain::plan::Target;
use crate::domain::{AreaResult, Classification, Lang};
use crate::i18n::targets as words;
use crate::report::Summary;
use crate::report::export::names::Names;

#[derive(Serialize)]
pub struct Targets {
    pub rows: Vec<Row>,
    pub hamlets: Vec<Hamlet>,
    pub commune: Commune,
}

#[derive(Serialize)]
pub struct Row {
    pub key: &'static str,
    pub label: String,
    /// The count, or the part of a share.
    pub value: u32,
    /// The whole of a share; `null` for a count.
    pub out_of: Option<u32>,
    pub percent: Option<f64>,
    /// A percentage for a share, else a count.
    pub target: u16,
    /// `at_most` for the count of weak areas, else `at_least`.
    pub compare: &'static str,
    pub met: bool,
}

#[derive(Serialize)]
pub struct Hamlet {
    pub code: String,
    pub active: u32,
    pub reached: u32,
    pub reached_percent: Option<f64>,
    pub registered: bool,
    pub result: Option<&'static str>,
    pub classification: Option<&'static str>,
    pub effective_models: u32,
}

#[derive(Serialize)]
pub struct Commune {
    pub areas: u32,
    pub registered: u32,
    pub recognised: u32,
    pub recognised_percent_needed: u8,
    pub safe: bool,
}

pub fn build(s: &Summary, names: &Names, lang: Lang) -> Targets {
    let t = &s.targets;
    Targets {
        rows: t
            .rows
            .iter()
            .map(|r| Row {
                key: key(r.target),
                label: words::target(lang, r.target).into(),
                value: r.part,
                out_of: r.whole,
                percent: r.whole.and(percent(r.permille)),
                target: r.threshold,
                compare: if r.target.at_most() { "at_most" } else { "at_least" },
                met: r.met,
            })
            .collect(),
        hamlets: t
            .hamlets
            .iter()
            .map(|h| Hamlet {
                code: names.hamlet_code(h.hamlet),
                active: h.active,
                reached: h.reached,
                reached_percent: percent(h.reach_permille),
                registered: h.registered,
                result: h.result.map(result),
                classification: h.classification.map(classification),
                effective_models: h.effective_models,
            })
            .collect(),
        commune: Commune {
            areas: t.commune.areas,
            registered: t.commune.registered,
            recognised: t.commune.recognised,
            recognised_percent_needed: t.commune.recognised_pct_needed,
            safe: t.commune.safe,
        },
    }
}

fn key(t: Target) -> &'static str {
    match t {
        Target::Signed => "households_signed",
        Target::Reached => "households_reached",
        Target::Safe => "areas_safe",
        Target::Excellent => "areas_excellent",
        Target::Good => "areas_good",
        Target::Weak => "areas_weak",
        Target::Models => "areas_with_effective_model",
        Target::Training => "core_force_trainings",
        Target::MediationTeams => "mediation_teams_qualified",
    }
}

fn result(r: AreaResult) -> &'static str {
    match r {
        AreaResult::Safe => "safe",
        AreaResult::NotSafe => "not_safe",
    }
}

fn classification(c: Classification) -> &'static str {
    match c {
        Classification::Excellent => "excellent",
        Classification::Good => "good",
        Classification::Average => "average",
        Classification::Weak => "weak",
    }
}
