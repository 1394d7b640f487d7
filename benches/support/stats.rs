//! Samples of one figure and how the benchmark's table prints them, with
//! one unit per kind across the table (issue 19 item 4): times in ms, or
//! in s from one second up, the same unit for every number of a row;
//! memory and sizes in MiB (1 MiB = 1,024 KiB = 1,048,576 bytes); a tail
//! called "p99" only over at least 100 samples, else "max of n".

/// Samples of one figure (seconds, or MiB for memory), sorted.
pub struct Stats(pub Vec<f64>);

/// Fewer samples than this have no 99th percentile worth the name.
pub const P99_MIN: usize = 100;

impl Stats {
    pub fn of(mut v: Vec<f64>) -> Stats {
        v.sort_by(f64::total_cmp);
        Stats(v)
    }

    pub fn n(&self) -> usize {
        self.0.len()
    }

    /// The value below which `p` (0..=1) of the samples lie (nearest rank).
    pub fn pct(&self, p: f64) -> f64 {
        if self.0.is_empty() {
            return f64::NAN;
        }
        let rank = (p * self.0.len() as f64).ceil() as usize;
        self.0[rank.clamp(1, self.0.len()) - 1]
    }

    pub fn median(&self) -> f64 {
        self.pct(0.5)
    }

    pub fn max(&self) -> f64 {
        self.pct(1.0)
    }

    /// The slow tail: the 99th percentile with at least [`P99_MIN`]
    /// samples, else the maximum. Returns (its name, its value).
    pub fn tail(&self) -> (String, f64) {
        if self.n() >= P99_MIN { ("p99".into(), self.pct(0.99)) } else { (format!("max of {}", self.n()), self.max()) }
    }

    /// Times: "median (min–max unit, n=…)", one unit for the row.
    pub fn show(&self) -> String {
        let unit = Unit::of(self.median());
        format!(
            "{} {} ({}–{} {}, n={})",
            unit.num(self.median()),
            unit.name(),
            unit.num(self.pct(0.0)),
            unit.num(self.max()),
            unit.name(),
            self.n()
        )
    }

    /// Times with their tail: "p50 a / p99 b / max c unit (what)".
    pub fn show_tail(&self, what: &str) -> String {
        let (tail, at) = self.tail();
        let unit = Unit::of(at);
        let max = if self.n() >= P99_MIN { format!(" / max {}", unit.num(self.max())) } else { String::new() };
        format!("p50 {} / {tail} {}{max} {} ({what})", unit.num(self.median()), unit.num(at), unit.name())
    }

    /// Memory, the samples in MiB: "median MiB (min–max, n=…)".
    pub fn show_mib(&self) -> String {
        format!("{:.1} MiB ({:.1}–{:.1}, n={})", self.median(), self.pct(0.0), self.max(), self.n())
    }
}

/// The unit of a row of times.
#[derive(Clone, Copy)]
pub enum Unit {
    Ms,
    S,
}

impl Unit {
    /// Seconds from one second up, else milliseconds.
    pub fn of(secs: f64) -> Unit {
        if secs >= 1.0 { Unit::S } else { Unit::Ms }
    }

    pub fn name(self) -> &'static str {
        match self {
            Unit::Ms => "ms",
            Unit::S => "s",
        }
    }

    /// `secs` in this unit, with three significant digits or so.
    pub fn num(self, secs: f64) -> String {
        match self {
            Unit::S => format!("{secs:.2}"),
            Unit::Ms => {
                let ms = secs * 1e3;
                if ms >= 10.0 {
                    format!("{ms:.1}")
                } else if ms >= 1.0 {
                    format!("{ms:.2}")
                } else {
                    format!("{ms:.3}")
                }
            }
        }
    }
}

/// One time in the unit that reads best ("45.2 ms", "7.68 s").
pub fn secs(s: f64) -> String {
    let unit = Unit::of(s);
    format!("{} {}", unit.num(s), unit.name())
}

pub fn kib_to_mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

/// A size on disk or of a file, in MiB.
pub fn mib(bytes: u64) -> String {
    let m = bytes as f64 / 1_048_576.0;
    if m >= 10.0 { format!("{m:.1} MiB") } else { format!("{m:.2} MiB") }
}
