//! What the three tabs read alike for the year shown: the hamlets in code
//! order, and per hamlet its active households and how many signed, from
//! the summary's one indicator function (`report::summarize`), so criterion
//! 1's signing part and the reach (the targets table's) agree with every
//! report.

use std::collections::HashMap;

use crate::domain::plan::Target;
use crate::domain::{Hamlet, Id, Period};
use crate::report::{load_or_empty, summarize};
use crate::store::StoreError;
use crate::tui::Action;
use crate::tui::screens::Ctx;

/// Rows a page key moves in the tabs' lists.
pub const PAGE: usize = 10;

/// Where a movement key takes the selection of a list from `selected`
/// (`usize::MAX` for the last row: the list clamps it); `None` for any
/// other key.
pub fn moved(action: &Action, selected: usize) -> Option<usize> {
    Some(match action {
        Action::Up => selected.saturating_sub(1),
        Action::Down => selected + 1,
        Action::PageUp => selected.saturating_sub(PAGE),
        Action::PageDown => selected + PAGE,
        Action::Top => 0,
        Action::Bottom => usize::MAX,
        _ => return None,
    })
}

/// A hamlet as the tabs name it.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub id: Id,
    pub code: String,
    /// "Thôn Đông".
    pub name: String,
    /// "Đông".
    pub short: String,
    /// Households living there on the year's last day (or today).
    pub active: u32,
    /// Of them, those whose commitment for the year is signed.
    pub signed: u32,
    /// Of them, those an outreach session of the year reached.
    pub reached: u32,
}

pub struct Shared {
    /// The year shown.
    pub year: u16,
    pub places: Vec<Place>,
    /// The active households of each hamlet, on the same day.
    pub households: HashMap<Id, Vec<Id>>,
    /// The commune's reach: households reached, of the active ones, and
    /// the plan's target (%), as the targets table says them.
    pub reach: (u32, u32, u16),
}

impl Shared {
    pub fn load(ctx: &Ctx, year: u16) -> Result<Shared, StoreError> {
        let Ok(period) = Period::year(i32::from(year)) else {
            return Ok(Shared { year, places: Vec::new(), households: HashMap::new(), reach: (0, 0, 0) });
        };
        let data = load_or_empty(ctx.store, ctx.commune, &period, |_| false)?;
        let day = period.end.min(ctx.today);
        let mut households: HashMap<Id, Vec<Id>> = HashMap::new();
        for h in data.households.iter().filter(|h| h.is_active_on(day)) {
            households.entry(h.hamlet).or_default().push(h.id);
        }
        let sum = summarize(&data, &period);
        let counts: HashMap<Id, (u32, u32)> =
            sum.hamlets.iter().map(|r| (r.hamlet, (r.households.active, r.households.signed))).collect();
        let reached: HashMap<Id, u32> = sum.targets.hamlets.iter().map(|h| (h.hamlet, h.reached)).collect();
        let row = sum.targets.rows.iter().find(|r| r.target == Target::Reached);
        let reach = row.map_or((0, 0, 0), |r| (r.part, r.whole.unwrap_or(0), r.threshold));
        let mut hamlets: Vec<Hamlet> = data.hamlets;
        hamlets.sort_by(|a, b| a.code.cmp(&b.code).then(a.id.cmp(&b.id)));
        let places = hamlets
            .into_iter()
            .map(|h| {
                let (active, signed) = counts.get(&h.id).copied().unwrap_or_default();
                let reached = reached.get(&h.id).copied().unwrap_or(0);
                Place { id: h.id, code: h.code.clone(), name: h.display_name(), short: h.name, active, signed, reached }
            })
            .collect();
        Ok(Shared { year, places, households, reach })
    }
}

/// `part` of `whole` in per mille, rounded down; `None` when `whole` is 0.
pub fn permille(part: usize, whole: usize) -> Option<u16> {
    (whole > 0).then(|| u16::try_from(part.min(whole) * 1000 / whole).unwrap_or(1000))
}

/// The name of hamlet `id` among `places` (short or full).
pub fn place_name(places: &[Place], id: Option<Id>, full: bool) -> Option<String> {
    let p = places.iter().find(|p| Some(p.id) == id)?;
    Some(if full { p.name.clone() } else { p.short.clone() })
}
