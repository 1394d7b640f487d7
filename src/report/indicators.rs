//! [`summarize`]: the indicators of section 3, in one pass over each kind of
//! record. Records are placed in their hamlet's bucket through maps keyed by
//! id; nothing loops over one kind of record inside a loop over another, so
//! 100,000 households cost one pass. The commune total is the sum of the
//! buckets; rates are computed last, from the summed counts.
//!
//! Flags reuse the rules of `domain::warnings` as of the period's end:
//! `team_warnings(.., end)` and `case_flags` on the case as it stood at end.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::{Datelike, NaiveDate};

use super::sums::{permille, success_rate};
use super::{
    CaseCounts, CommitmentRef, Dataset, Details, HamletRow, HouseholdCounts, NotSigned, OpenCase, Summary, Targets,
    TeamCounts, TeamWarnings, Thresholds, Total, ViolationRef,
};
use crate::domain::brief::{CaseBrief, CommitmentBrief, HouseholdBrief};
use crate::domain::warnings::{case_flags, team_warnings};
use crate::domain::{
    CaseStatus, CommitmentStatus, Gender, Hamlet, Id, MediationCase, Member, Period, Role, Settings, Team, TeamKind,
    Warning,
};

/// Computes every indicator of `period` over `data` (see the field docs of
/// [`Summary`] for each definition).
pub fn summarize(data: &Dataset, period: &Period) -> Summary {
    let hamlets = hamlet_order(&data.hamlets);
    let mut acc = Acc::new(data, period, &hamlets);
    acc.households(data);
    acc.teams(data);
    acc.cases(data);
    acc.finish(&hamlets)
}

/// The targets table of `period` over `data`, the same as
/// `summarize(data, period).targets`, reusing `summary`, a summary of the
/// same `data`: when both periods end on the same day, the hamlet rows'
/// active and signed households (all the table takes from the summary)
/// depend on that day alone, so only the targets' own figures are computed
/// (the dashboard's year to date beside its quarter so far, without a
/// second pass over 100,000 households). Otherwise it summarizes `period`.
pub fn targets_beside(data: &Dataset, period: &Period, summary: &Summary) -> Targets {
    if summary.period.end != period.end {
        return summarize(data, period).targets;
    }
    let signed = (summary.total.households.signed, summary.total.households.active);
    super::targets::targets(data, period, &summary.hamlets, signed)
}

/// Counts being gathered: one bucket per hamlet row, then one for the
/// commune-wide teams.
struct Acc<'a> {
    period: Period,
    end: NaiveDate,
    year: i32,
    settings: &'a Settings,
    data: &'a Dataset,
    /// Hamlet id -> bucket index.
    row_of: IdMap<usize>,
    buckets: Vec<Bucket>,
}

#[derive(Default)]
struct Bucket {
    households: HouseholdCounts,
    teams: TeamCounts,
    cases: CaseCounts,
    details: Details,
    /// Receipt dates of `details.open_cases`, for ordering them.
    open_received: Vec<NaiveDate>,
}

/// A team's bucket and whether it is active at end.
struct TeamInfo<'a> {
    team: &'a Team,
    bucket: usize,
    active: bool,
}

impl<'a> Acc<'a> {
    fn new(data: &'a Dataset, period: &Period, hamlets: &[&Hamlet]) -> Self {
        Acc {
            period: *period,
            end: period.end,
            year: period.report_year(),
            settings: &data.commune.settings,
            data,
            row_of: hamlets.iter().enumerate().map(|(i, h)| (h.id, i)).collect(),
            buckets: (0..=hamlets.len()).map(|_| Bucket::default()).collect(),
        }
    }

    fn commune_wide(&self) -> usize {
        self.buckets.len() - 1
    }

    fn households(&mut self, data: &Dataset) {
        let end = self.end;
        let mut of_year: IdMap<&CommitmentBrief> =
            IdMap::with_capacity_and_hasher(data.commitments.len(), Default::default());
        let dated = data.commitments.iter().filter(|c| i32::from(c.year) == self.year && c.date <= end);
        of_year.extend(dated.map(|c| (c.household, c)));
        let violations = self.violations_in_period(data);
        // Bucket and hamlet of each household with a violation in P, found in the same pass.
        let mut violator: IdMap<Option<(usize, Id)>> = violations.iter().map(|v| (v.household, None)).collect();
        for h in &data.households {
            let Some(&b) = self.row_of.get(&h.hamlet) else { continue };
            if let Some(slot) = violator.get_mut(&h.id) {
                *slot = Some((b, h.hamlet));
            }
            if h.is_active_on(end) {
                self.count_household(b, h, of_year.get(&h.id).copied());
            }
        }
        for mut v in violations {
            let Some(&Some((b, hamlet))) = violator.get(&v.household) else { continue };
            let bucket = &mut self.buckets[b];
            v.hamlet = hamlet;
            bucket.households.violations += 1;
            bucket.details.violations.push(v);
        }
    }

    /// One active household, with its commitment for year(end) dated by end.
    fn count_household(&mut self, b: usize, h: &HouseholdBrief, commitment: Option<&CommitmentBrief>) {
        let period = self.period;
        let hamlet = h.hamlet;
        let bucket = &mut self.buckets[b];
        let counts = &mut bucket.households;
        counts.active += 1;
        match commitment {
            Some(c) if c.status == CommitmentStatus::Signed => {
                counts.signed += 1;
                counts.newly_signed += u32::from(period.contains(c.date));
                return;
            }
            Some(c) if c.status == CommitmentStatus::Refused => {
                counts.refused += 1;
                bucket.details.refusals.push(CommitmentRef { household: h.id, hamlet, commitment: c.id });
            }
            Some(_) => counts.absent += 1,
            None => counts.not_contacted += 1,
        }
        let (status, commitment) = (commitment.map(|c| c.status), commitment.map(|c| c.id));
        bucket.details.not_signed.push(NotSigned { household: h.id, hamlet, commitment, status });
    }

    /// Violations dated in P on any commitment; their hamlet is filled in
    /// once the household is found.
    fn violations_in_period(&self, data: &Dataset) -> Vec<ViolationRef> {
        let mut out = Vec::new();
        for c in &data.commitments {
            for v in c.violations.iter().filter(|v| self.period.contains(v.date)) {
                out.push(ViolationRef {
                    household: c.household,
                    hamlet: 0,
                    commitment: c.id,
                    date: v.date,
                    description: v.description.clone(),
                });
            }
        }
        out
    }

    fn teams(&mut self, data: &'a Dataset) {
        let mut info: IdMap<TeamInfo<'a>> = IdMap::with_capacity_and_hasher(data.teams.len(), Default::default());
        for team in &data.teams {
            let bucket = match team.hamlet {
                None => self.commune_wide(),
                Some(h) => match self.row_of.get(&h) {
                    Some(&b) => b,
                    None => continue,
                },
            };
            let active = team.is_active_on(self.end);
            if active {
                let counts = &mut self.buckets[bucket].teams;
                counts.active_teams += 1;
                *counts.active_by_kind.entry(team.kind).or_default() += 1;
            }
            info.insert(team.id, TeamInfo { team, bucket, active });
        }
        self.members(data, &info);
        // `team_warnings` wants each team's members side by side: `load`
        // sorts them so; hand-made data in another order is sorted here.
        let members: Cow<[Member]> = if data.members.is_sorted_by_key(|m| m.team) {
            Cow::Borrowed(&data.members)
        } else {
            let mut sorted = data.members.clone();
            sorted.sort_by_key(|m| m.team);
            Cow::Owned(sorted)
        };
        let roster: IdMap<&[Member]> =
            members.chunk_by(|a, b| a.team == b.team).filter_map(|c| Some((c.first()?.team, c))).collect();
        for team in &data.teams {
            let Some(t) = info.get(&team.id).filter(|t| t.active) else { continue };
            let members = roster.get(&team.id).copied().unwrap_or_default();
            let warnings = team_warnings(team, members, self.settings, self.end);
            self.count_team_warnings(t, warnings);
        }
    }

    fn members(&mut self, data: &Dataset, info: &IdMap<TeamInfo>) {
        let (period, end, year) = (self.period, self.end, self.year);
        for m in &data.members {
            let Some(t) = info.get(&m.team) else { continue };
            let counts = &mut self.buckets[t.bucket].teams;
            counts.members_joined += u32::from(period.contains(m.joined));
            counts.members_left += u32::from(m.left.as_ref().is_some_and(|l| period.contains(l.on)));
            if !(t.active && m.is_active_on(end)) {
                continue;
            }
            counts.active_members += 1;
            let trained = m.trainings.iter().any(|tr| tr.date.year() == year && tr.date <= end);
            counts.members_trained += u32::from(trained);
            let mediator = m.role == Role::Mediator || (m.role == Role::Leader && t.team.kind == TeamKind::Mediation);
            if mediator {
                counts.mediators += 1;
                counts.mediators_women += u32::from(m.gender == Some(Gender::Female));
            }
        }
    }

    fn count_team_warnings(&mut self, t: &TeamInfo, warnings: Vec<Warning>) {
        if warnings.is_empty() {
            return;
        }
        let bucket = &mut self.buckets[t.bucket];
        let under = warnings.iter().any(|w| matches!(w, Warning::TeamUnderStrength { .. }));
        let leaders = warnings.iter().any(|w| matches!(w, Warning::TeamNoLeader | Warning::TeamSeveralLeaders { .. }));
        bucket.teams.teams_below_min_size += u32::from(under);
        bucket.teams.teams_without_one_leader += u32::from(leaders);
        bucket.details.team_warnings.push(TeamWarnings { team: t.team.id, hamlet: t.team.hamlet, warnings });
    }

    fn cases(&mut self, data: &Dataset) {
        let (period, start, end) = (self.period, self.period.start, self.end);
        for case in data.cases.iter().filter(|c| c.received <= end) {
            let Some(&b) = self.row_of.get(&case.hamlet) else { continue };
            let bucket = &mut self.buckets[b];
            let counts = &mut bucket.cases;
            let closing = case.closing();
            let closed_on = closing.map(|(day, _)| day);
            counts.carried_over += u32::from(case.received < start && closed_on.is_none_or(|d| d >= start));
            if period.contains(case.received) {
                counts.received += 1;
                *counts.by_category.entry(case.category).or_default() += 1;
            }
            if let Some((_, outcome)) = closing.filter(|(day, _)| period.contains(*day)) {
                counts.closed.count(outcome);
            }
            if closed_on.is_some_and(|d| d <= end) {
                continue;
            }
            counts.pending += 1;
            let flags = case_flags(&as_of(case, end), self.settings, end);
            let late = flags.iter().any(|w| matches!(w, Warning::CaseLateStart { .. }));
            let overdue = flags.iter().any(|w| matches!(w, Warning::CaseOverdue { .. }));
            counts.late_start += u32::from(late);
            counts.overdue += u32::from(overdue);
            bucket.details.open_cases.push(OpenCase { case: case.id, hamlet: case.hamlet, flags });
            bucket.open_received.push(case.received);
        }
    }

    fn finish(self, hamlets: &[&Hamlet]) -> Summary {
        let s = self.settings;
        let thresholds = Thresholds {
            coverage_target_pct: s.coverage_target_pct,
            team_min_members: s.team_min_members,
            late_start_days: s.late_start_days,
            overdue_days: s.overdue_days,
        };
        let mut total = Total::default();
        let mut details = Details::default();
        let mut rows = Vec::with_capacity(hamlets.len());
        let mut buckets = self.buckets.into_iter();
        for (hamlet, bucket) in hamlets.iter().zip(buckets.by_ref()) {
            let row = hamlet_row(hamlet, bucket, s, &mut total, &mut details);
            rows.push(row);
        }
        let commune_wide = match buckets.next() {
            Some(bucket) => {
                append_details(&mut details, bucket.details, bucket.open_received);
                bucket.teams
            }
            None => TeamCounts::default(),
        };
        total.teams.add(&commune_wide);
        total.households.coverage_permille = permille(total.households.signed, total.households.active);
        total.cases.success_rate_permille = success_rate(&total.cases.closed);
        let signed = (total.households.signed, total.households.active);
        Summary {
            period: self.period,
            commitment_year: self.year,
            thresholds,
            targets: super::targets::targets(self.data, &self.period, &rows, signed),
            hamlets: rows,
            commune_wide,
            total,
            details,
        }
    }
}

/// Closes one hamlet's bucket into its row and adds it to the total.
fn hamlet_row(hamlet: &Hamlet, mut b: Bucket, s: &Settings, total: &mut Total, details: &mut Details) -> HamletRow {
    let h = &mut b.households;
    h.coverage_permille = permille(h.signed, h.active);
    b.cases.success_rate_permille = success_rate(&b.cases.closed);
    let below = h.active > 0 && u64::from(h.signed) * 100 < u64::from(s.coverage_target_pct) * u64::from(h.active);
    let without_security = b.teams.active_of(TeamKind::Security) == 0;
    let without_mediation = b.teams.active_of(TeamKind::Mediation) == 0;
    for (flag, list) in [
        (below, &mut total.hamlets_below_coverage_target),
        (without_security, &mut total.hamlets_without_security_team),
        (without_mediation, &mut total.hamlets_without_mediation_team),
    ] {
        if flag {
            list.push(hamlet.id);
        }
    }
    total.households.add(&b.households);
    total.teams.add(&b.teams);
    total.cases.add(&b.cases);
    append_details(details, b.details, b.open_received);
    HamletRow {
        hamlet: hamlet.id,
        code: hamlet.code.clone(),
        name: hamlet.display_name(),
        households: b.households,
        teams: b.teams,
        cases: b.cases,
        below_coverage_target: below,
        without_security_team: without_security,
        without_mediation_team: without_mediation,
    }
}

/// Sorts one bucket's lists as documented on [`Details`] and appends them.
fn append_details(out: &mut Details, mut d: Details, open_received: Vec<NaiveDate>) {
    d.not_signed.sort_by_key(|n| n.household);
    d.refusals.sort_by_key(|r| r.household);
    d.violations.sort_by_key(|v| (v.date, v.household));
    d.team_warnings.sort_by_key(|t| t.team);
    let mut open: Vec<(NaiveDate, OpenCase)> = open_received.into_iter().zip(d.open_cases).collect();
    open.sort_by_key(|(received, c)| (*received, c.case));
    for (_, case) in open {
        let has = |f: fn(&Warning) -> bool| case.flags.iter().any(f);
        if has(|w| matches!(w, Warning::CaseOverdue { .. })) {
            out.overdue_cases.push(case.case);
        }
        if has(|w| matches!(w, Warning::CaseLateStart { .. })) {
            out.late_start_cases.push(case.case);
        }
        out.open_cases.push(case);
    }
    out.not_signed.append(&mut d.not_signed);
    out.refusals.append(&mut d.refusals);
    out.violations.append(&mut d.violations);
    out.team_warnings.append(&mut d.team_warnings);
}

/// Maps keyed by record id. Ids are sequential numbers from our own store,
/// not hostile input, so a multiplicative hash (as in rustc's FxHash) is
/// enough, and several times faster than the default SipHash on 100,000 keys.
type IdMap<V> = HashMap<Id, V, BuildHasherDefault<IdHasher>>;

#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// Whether `case` can count anywhere in `period`'s summary: received by its
/// end and not closed before its start. `load` reads only those.
pub(super) fn case_matters(case: &CaseBrief, period: &Period) -> bool {
    case.received <= period.end && case.closing().is_none_or(|(day, _)| day >= period.start)
}

/// The case as it stood at the end of `end`, as far as `case_flags` looks:
/// assigned and started only if those days had come, open.
fn as_of(case: &CaseBrief, end: NaiveDate) -> MediationCase {
    let mut view = MediationCase::new(case.received, case.hamlet, case.category, Vec::new());
    view.assigned = case.assigned.filter(|d| *d <= end);
    view.started = case.started.filter(|d| *d <= end);
    view.status = if view.started.is_some() { CaseStatus::InProgress } else { CaseStatus::Received };
    view
}

/// Hamlets in code order, digit runs compared as numbers ("T2" < "T10"),
/// then by id.
fn hamlet_order(hamlets: &[Hamlet]) -> Vec<&Hamlet> {
    let mut out: Vec<&Hamlet> = hamlets.iter().collect();
    out.sort_by(|a, b| natural_cmp(&a.code, &b.code).then(a.id.cmp(&b.id)));
    out
}

fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let (na, ra) = digit_run(a);
                let (nb, rb) = digit_run(b);
                let by_value = na.len().cmp(&nb.len()).then_with(|| na.cmp(nb));
                if by_value != Ordering::Equal {
                    return by_value;
                }
                (a, b) = (ra, rb);
            }
            (Some(x), Some(y)) if x != y => return x.cmp(y),
            (Some(_), Some(_)) => (a, b) = (&a[1..], &b[1..]),
        }
    }
}

/// The leading digits without leading zeros, and the rest.
fn digit_run(s: &[u8]) -> (&[u8], &[u8]) {
    let len = s.iter().take_while(|c| c.is_ascii_digit()).count();
    let (digits, rest) = s.split_at(len);
    let zeros = digits.iter().take_while(|c| **c == b'0').count();
    (&digits[zeros..], rest)
}
