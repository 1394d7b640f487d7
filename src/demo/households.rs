//! The commune profile, its hamlets, its households and three years of their
//! commitments: everything a clerk enters from the hamlets' paper forms.

use chrono::{Datelike, NaiveDate};
use rand::Rng;
use rand::seq::SliceRandom;

use super::data::Data;
use super::people::{self, add_days, between, int, sub_years, ymd};
use crate::domain::{
    CatalogItem, Commitment, CommitmentStatus, Commune, Gender, Hamlet, HamletKind, Household, HouseholdStatus,
    Settings, Signer,
};

/// Invented commune names; any likeness to a real commune is a coincidence
/// that Vietnamese place names make unavoidable.
const COMMUNES: [&str; 8] = [
    "Xã Nhất Tiến",
    "Xã Đông Phong",
    "Xã Tân Hưng",
    "Xã Quang Minh",
    "Xã Hồng Thái",
    "Xã Nghĩa Hòa",
    "Xã Phú Thịnh",
    "Xã An Khang",
];

/// Provinces with the code that opens their people's CCCD numbers.
const PROVINCES: [(&str, &str); 5] = [
    ("Tỉnh Hưng Yên", "033"),
    ("Tỉnh Ninh Bình", "037"),
    ("Tỉnh Bắc Ninh", "027"),
    ("Tỉnh Phú Thọ", "025"),
    ("Thành phố Hải Phòng", "031"),
];

/// Provinces people moved from: most heads were born in the commune's own.
const OTHER_PROVINCE_CODES: [&str; 6] = ["001", "030", "034", "035", "036", "022"];

/// People per household: 1 to 9, most often 3 to 5.
const HOUSEHOLD_SIZE_WEIGHTS: [u32; 9] = [6, 12, 20, 24, 18, 10, 5, 3, 2];

/// What the later stages need to know about the people generated here.
pub struct Town {
    pub commune: Commune,
    pub province_code: &'static str,
    pub hamlets: Vec<Hamlet>,
    /// Per hamlet: "Trưởng thôn Nguyễn Văn An", who witnesses commitments.
    pub hamlet_heads: Vec<String>,
    /// Police officers of the commune, who witness some commitments.
    pub officers: Vec<String>,
    pub households: Vec<Household>,
    /// Parallel to `households`.
    pub heads: Vec<Head>,
    /// Household indices of each hamlet, in code order.
    pub by_hamlet: Vec<Vec<usize>>,
}

/// What a household record does not say about its head.
pub struct Head {
    pub gender: Gender,
    pub spouse: Option<String>,
}

/// The commune profile, with the catalog from the data files.
pub fn commune(data: &Data, rng: &mut impl Rng) -> (Commune, &'static str) {
    let name = COMMUNES[people::index(rng, COMMUNES.len())];
    let (province, code) = PROVINCES[people::index(rng, PROVINCES.len())];
    let mut c = Commune::new(name, province);
    c.approver = Signer { title: "Chủ tịch UBND xã".into(), name: people::name(data, rng, Gender::Male) };
    let preparer_title =
        if rng.random_bool(0.6) { "Trưởng Công an xã" } else { "Công chức Văn phòng - Thống kê" };
    let preparer_gender = people::gender(rng, 0.4);
    c.preparer = Signer { title: preparer_title.into(), name: people::name(data, rng, preparer_gender) };
    c.settings = Settings { operator: "Cán bộ Công an xã".into(), ..Settings::default() };
    c.catalog =
        (1u16..).zip(&data.catalog).map(|(id, text)| CatalogItem { id, text: text.clone(), active: true }).collect();
    (c, code)
}

/// About one hamlet per 350 households, never fewer than 10 nor more than 40.
pub fn hamlet_count(households: usize) -> usize {
    households.div_ceil(350).clamp(10, 40)
}

/// Hamlets T01, T02... named from the data file without repeats: the most
/// common kind in random order, so a commune reads as all "thôn"; if those
/// run out, the wards of a merged-in town ("tổ dân phố", "khu phố") in file
/// order, as communes merged in 2025 have; other kinds last.
pub fn hamlets(data: &Data, rng: &mut impl Rng, count: usize) -> Vec<Hamlet> {
    let of_kind = |kind: HamletKind| data.hamlets.iter().filter(move |(k, _)| *k == kind);
    let main_kind = HamletKind::ALL
        .into_iter()
        .max_by_key(|k| (of_kind(*k).count(), std::cmp::Reverse(*k as u8)))
        .unwrap_or(HamletKind::Thon);
    let mut names: Vec<&(HamletKind, String)> = of_kind(main_kind).collect();
    names.shuffle(rng);
    let fallback = [HamletKind::ToDanPho, HamletKind::KhuPho, HamletKind::Thon, HamletKind::Ap, HamletKind::Ban];
    names.extend(fallback.into_iter().filter(|k| *k != main_kind).flat_map(of_kind));
    let available = names.len().max(1);
    (0..count)
        .map(|i| {
            let code = format!("T{:02}", i + 1);
            let (kind, name) = names.get(i % available).map_or((main_kind, "1"), |(k, n)| (*k, n.as_str()));
            // Only if the data file had fewer names than hamlets: "Đông 2".
            let round = i / available;
            let name = if round == 0 { name.to_string() } else { format!("{name} {}", round + 1) };
            Hamlet::new(&code, &name, kind)
        })
        .collect()
}

/// The title of the hamlet's head, as written before the name.
pub fn head_title(kind: HamletKind) -> &'static str {
    match kind {
        HamletKind::Thon => "Trưởng thôn",
        HamletKind::Ap => "Trưởng ấp",
        HamletKind::Ban => "Trưởng bản",
        HamletKind::ToDanPho => "Tổ trưởng tổ dân phố",
        HamletKind::KhuPho => "Trưởng khu phố",
    }
}

/// Splits `total` households over the hamlets, unevenly as in life.
pub fn split(rng: &mut impl Rng, total: usize, hamlets: usize) -> Vec<usize> {
    let weights: Vec<usize> = (0..hamlets).map(|_| rng.random_range(60..=140)).collect();
    let sum: usize = weights.iter().sum::<usize>().max(1);
    let mut sizes: Vec<usize> = weights.iter().map(|w| total * w / sum).collect();
    // Flooring leaves fewer than `hamlets` over: one more each to the first.
    let left = total - sizes.iter().sum::<usize>();
    for s in sizes.iter_mut().take(left) {
        *s += 1;
    }
    sizes
}

pub struct HouseholdDraft {
    pub household: Household,
    pub head: Head,
}

/// Household number `n` of `hamlet`, with its head.
pub fn household(
    data: &Data,
    rng: &mut impl Rng,
    hamlet: &Hamlet,
    n: usize,
    province_code: &str,
    today: NaiveDate,
) -> HouseholdDraft {
    let gender = people::gender(rng, 0.25);
    let head_name = people::name(data, rng, gender);
    let mut h = Household::new(&format!("{}-{n:04}", hamlet.code), hamlet.id, &head_name);
    let birth_year = 1940 + int(rng, 0, 30) + int(rng, 0, 30);
    h.head_birth_year = u16::try_from(birth_year).ok();
    if rng.random_bool(0.7) {
        let code = if rng.random_bool(0.85) {
            province_code
        } else {
            OTHER_PROVINCE_CODES[people::index(rng, OTHER_PROVINCE_CODES.len())]
        };
        h.national_id = Some(people::national_id(rng, code, birth_year as i32, gender));
    }
    h.address = format!("Số {}, {}", int(rng, 1, 250), people::pick(rng, &data.streets));
    h.members = u16::try_from(people::weighted(rng, &HOUSEHOLD_SIZE_WEIGHTS) + 1).unwrap_or(1);
    h.phone = rng.random_bool(0.8).then(|| people::phone(rng));
    if rng.random_bool(0.15) {
        h.living_since = Some(between(rng, sub_years(today, 10), sub_years(today, 1)));
    }
    if rng.random_bool(0.02) {
        let earliest = h.living_since.map_or(sub_years(today, 2), |s| add_days(s, 1).max(sub_years(today, 2)));
        h.set_moved_out(Some(between(rng, earliest, today)));
    }
    let spouse_gender = if gender == Gender::Male { Gender::Female } else { Gender::Male };
    let married = h.members >= 2 && rng.random_bool(0.8);
    let spouse = married.then(|| people::name(data, rng, spouse_gender));
    HouseholdDraft { household: h, head: Head { gender, spouse } }
}

/// The years commitments are generated for: the current one and two before.
pub fn years(today: NaiveDate) -> std::ops::RangeInclusive<i32> {
    today.year() - 2..=today.year()
}

/// The commitments of the households of one hamlet, household by household,
/// year by year (see [`years`]).
pub fn commitments(
    data: &Data,
    rng: &mut impl Rng,
    town: &Town,
    items: &[u16],
    hamlet_index: usize,
    today: NaiveDate,
) -> Vec<Commitment> {
    let households = town.by_hamlet.get(hamlet_index).map_or(&[][..], Vec::as_slice);
    let mut out = Vec::with_capacity(households.len() * 3);
    for &household in households {
        for year in years(today) {
            let visit = Visit { data, town, hamlet_index, household, year, today, items };
            out.extend(visit.commitment(rng));
        }
    }
    out
}

/// One household's visit for one year's commitment.
struct Visit<'a> {
    data: &'a Data,
    town: &'a Town,
    hamlet_index: usize,
    household: usize,
    year: i32,
    today: NaiveDate,
    items: &'a [u16],
}

impl Visit<'_> {
    fn commitment(&self, rng: &mut impl Rng) -> Option<Commitment> {
        let h = &self.town.households[self.household];
        let (q1_start, q1_end) = (ymd(self.year, 1, 1), ymd(self.year, 3, 31));
        let moved_out = match h.status {
            HouseholdStatus::MovedOut { on } => Some(on),
            HouseholdStatus::Active => None,
        };
        let active_in_q1 = h.living_since.is_none_or(|s| s <= q1_end) && moved_out.is_none_or(|o| o > q1_start);
        if !active_in_q1 {
            return None;
        }
        let roll = rng.random_range(0..1000);
        let status = match roll {
            0..880 => CommitmentStatus::Signed,
            880..910 => CommitmentStatus::Refused,
            910..940 => CommitmentStatus::Absent,
            _ => return None,
        };
        let date = self.date(rng, status, h.living_since, moved_out)?;
        let year = u16::try_from(self.year).ok()?;
        let mut c = Commitment::signed(h.id, year, date, self.items.to_vec());
        c.status = status;
        c.witness = self.witness(rng);
        match status {
            CommitmentStatus::Signed => self.fill_signed(rng, &mut c),
            CommitmentStatus::Refused => {
                c.decline(status, date, people::pick(rng, &self.data.refusal_reasons).to_string());
                c.representative = h.head_name.clone();
            }
            CommitmentStatus::Absent => {
                c.decline(status, date, people::pick(rng, &self.data.absence_reasons).to_string());
            }
        }
        Some(c)
    }

    /// The visit's day: mostly January to March, some signed late in the
    /// December before; inside the household's stay; `None` if after today.
    fn date(
        &self,
        rng: &mut impl Rng,
        status: CommitmentStatus,
        since: Option<NaiveDate>,
        moved_out: Option<NaiveDate>,
    ) -> Option<NaiveDate> {
        let early = status == CommitmentStatus::Signed && rng.random_bool(0.12);
        let (mut lo, mut hi) = if early {
            (ymd(self.year - 1, 12, 10), ymd(self.year - 1, 12, 31))
        } else {
            (ymd(self.year, 1, 3), ymd(self.year, 3, 31))
        };
        if let Some(s) = since {
            lo = lo.max(s);
        }
        if let Some(o) = moved_out {
            hi = hi.min(add_days(o, -1));
        }
        if lo > hi {
            return None;
        }
        // Skewed to the start of the campaign: the earlier of two draws.
        let date = between(rng, lo, hi).min(between(rng, lo, hi));
        (date <= self.today).then_some(date)
    }

    fn witness(&self, rng: &mut impl Rng) -> String {
        if rng.random_bool(0.1) && !self.town.officers.is_empty() {
            let officer = &self.town.officers[people::index(rng, self.town.officers.len())];
            format!("Cán bộ Công an xã {officer}")
        } else {
            self.town.hamlet_heads[self.hamlet_index].clone()
        }
    }

    fn fill_signed(&self, rng: &mut impl Rng, c: &mut Commitment) {
        let head = &self.town.heads[self.household];
        let h = &self.town.households[self.household];
        c.representative = match &head.spouse {
            Some(spouse) if rng.random_bool(0.25) => spouse.clone(),
            _ => h.head_name.clone(),
        };
        if c.items.len() > 1 && rng.random_bool(0.05) {
            c.items.remove(people::index(rng, c.items.len()));
        }
        if rng.random_bool(0.01) {
            let first = add_days(c.date, 1);
            let last = add_days(c.date, 365).min(self.today);
            if first <= last {
                let description = people::pick(rng, &self.data.violations).to_string();
                c.record_violation(between(rng, first, last), description);
            }
        }
    }
}

/// Each hamlet's head, as a witness writes himself: "Trưởng thôn Nguyễn Văn
/// An". A head of a household of the hamlet when one fits, most often a man.
pub fn hamlet_heads(data: &Data, rng: &mut impl Rng, town: &Town, today: NaiveDate) -> Vec<String> {
    let mut out = Vec::with_capacity(town.hamlets.len());
    for (hamlet, pool) in town.hamlets.iter().zip(&town.by_hamlet) {
        let fits = |i: usize| {
            let (h, head) = (&town.households[i], &town.heads[i]);
            let age = h.head_birth_year.map_or(0, |y| today.year() - i32::from(y));
            head.gender == Gender::Male && (35..=65).contains(&age) && h.is_active_on(today)
        };
        let found = (0..8).map(|_| pool.get(people::index(rng, pool.len())).copied()).find(|i| i.is_some_and(fits));
        let name = match found.flatten() {
            Some(i) => town.households[i].head_name.clone(),
            None => people::name(data, rng, Gender::Male),
        };
        out.push(format!("{} {name}", head_title(hamlet.kind)));
    }
    out
}

/// The head's birth date: a household gives only the year, so the day is
/// derived from the household's code, the same wherever the head appears.
pub fn head_birth_date(h: &Household) -> NaiveDate {
    let year = h.head_birth_year.map_or(1975, i32::from);
    let hash = h.code.bytes().fold(0u64, |acc, b| acc.wrapping_mul(31).wrapping_add(u64::from(b)));
    add_days(ymd(year, 1, 1), i64::try_from(hash % 365).unwrap_or(0))
}
