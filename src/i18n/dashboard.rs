//! Words of the Dashboard screen.

use super::number;
use crate::domain::{Lang, Warning};

texts!(DashboardText {
    Title => "Tổng quan", "Dashboard";
    ByHamlet => "Theo thôn, thấp nhất trước", "By hamlet, lowest first";
    NoHouseholds => "chưa có hộ", "no households";
    NoHamlets => "Chưa có thôn nào: hãy thêm thôn ở màn hình Cài đặt.", "No hamlets yet: add them in Settings.";
    Teams => "Tổ, đội", "Teams";
    TeamsOk => "Các tổ, đội đều đủ người và có một tổ trưởng.", "Every team is at strength with one leader.";
    NoTeams => "Chưa có tổ, đội nào đang hoạt động.", "No team is active yet.";
    Mediation => "Hòa giải", "Mediation";
    Open => "Đang giải quyết", "Open";
    Overdue => "Quá hạn", "Overdue";
    LateStart => "Chậm bắt đầu", "Late to start";
    FollowUps => "Đến hạn theo dõi", "Follow-ups due";
    Recent => "Thay đổi gần đây", "Latest changes";
    NoChanges => "Chưa có thay đổi nào.", "No changes yet.";
    KeySwitch => "Đổi cột", "Other column";
    KeyHamlets => "Sang cột thôn", "To the hamlets";
    KeySide => "Sang cột hòa giải, tổ đội", "To mediation and teams";
});

/// "quá hạn 45 ngày", after an overdue case.
pub fn overdue_days(lang: Lang, days: i64) -> String {
    let days_text = number(lang, days);
    match lang {
        Lang::Vi => format!("quá hạn {days_text} ngày"),
        Lang::En => format!("overdue {days_text} days"),
    }
}

/// "theo dõi từ 20/11/2026", after a case whose follow-up is due.
pub fn follow_up_due(lang: Lang, due: &str) -> String {
    match lang {
        Lang::Vi => format!("theo dõi từ {due}"),
        Lang::En => format!("follow up since {due}"),
    }
}

/// "… và 12 vụ việc khác", the line that opens the Mediation screen.
pub fn more_cases(lang: Lang, n: usize) -> String {
    let n_text = number(lang, n);
    match lang {
        Lang::Vi => format!("… và {n_text} vụ việc khác"),
        Lang::En if n == 1 => "… and 1 more case".into(),
        Lang::En => format!("… and {n_text} more cases"),
    }
}

/// "↓ còn 4 dòng", when the column is longer than the screen.
pub fn more_lines(lang: Lang, n: usize) -> String {
    let n_text = number(lang, n);
    match lang {
        Lang::Vi => format!("↓ còn {n_text} dòng (Tab rồi ↓ để xem)"),
        Lang::En if n == 1 => "↓ 1 more line (Tab, then ↓)".into(),
        Lang::En => format!("↓ {n_text} more lines (Tab, then ↓)"),
    }
}

/// "Cam kết năm 2026: đã ký 7.812/8.034 hộ · 97,2% (chỉ tiêu 95%)".
pub fn coverage(lang: Lang, year: i32, signed: &str, active: &str, pct: &str, target: u8) -> String {
    match lang {
        Lang::Vi => format!("Cam kết năm {year}: đã ký {signed}/{active} hộ · {pct} (chỉ tiêu {target}%)"),
        Lang::En => format!("Commitments {year}: {signed} of {active} households signed · {pct} (target {target}%)"),
    }
}

/// "Xã Nhất Tiến · Quý IV năm 2026 · đến 23/11/2026".
pub fn heading(lang: Lang, commune: &str, period: &str, today: &str) -> String {
    match lang {
        Lang::Vi => format!("{commune} · {period} · đến {today}"),
        Lang::En => format!("{commune} · {period} · to {today}"),
    }
}

/// "Thiếu người (dưới 3): 4".
pub fn teams_short(lang: Lang, min: u8, n: u32) -> String {
    let n_text = number(lang, n);
    match lang {
        Lang::Vi => format!("Thiếu người (dưới {min}): {n_text}"),
        Lang::En => format!("Under {min} members: {n_text}"),
    }
}

/// "Không đúng một tổ trưởng: 2".
pub fn teams_leader(lang: Lang, n: u32) -> String {
    let n_text = number(lang, n);
    match lang {
        Lang::Vi => format!("Không đúng một tổ trưởng: {n_text}"),
        Lang::En => format!("Not exactly one leader: {n_text}"),
    }
}

/// "… và 3 tổ, đội khác".
pub fn more_teams(lang: Lang, n: usize) -> String {
    let n_text = number(lang, n);
    match lang {
        Lang::Vi => format!("… và {n_text} tổ, đội khác"),
        Lang::En if n == 1 => "… and 1 more team".into(),
        Lang::En => format!("… and {n_text} more teams"),
    }
}

pub use super::audit_action as action;

/// A team's problem in a few words, to fit beside its name: "thiếu người
/// 2/3", "chưa có tổ trưởng", "2 tổ trưởng".
pub fn team_problem(lang: Lang, w: Warning) -> String {
    match (w, lang) {
        (Warning::TeamUnderStrength { have, min }, Lang::Vi) => format!("thiếu người {have}/{min}"),
        (Warning::TeamUnderStrength { have, min }, Lang::En) => format!("short {have}/{min}"),
        (Warning::TeamNoLeader, _) => super::pick(lang, "chưa có tổ trưởng", "no leader").into(),
        (Warning::TeamSeveralLeaders { count }, Lang::Vi) => format!("{count} tổ trưởng"),
        (Warning::TeamSeveralLeaders { count }, Lang::En) => format!("{count} leaders"),
        (other, _) => super::warning(lang, other),
    }
}
