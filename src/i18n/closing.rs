//! Words of closing periods (chốt số liệu): the refusal of a write into a
//! closed period, `soxa close` / `soxa reopen`, and the Reports screen's
//! keys, questions and comparison of the closed figures with today's.

use chrono::{NaiveDate, NaiveDateTime};

use super::reports::percent;
use super::{case_category, entity, number, period_label, team_kind};
use crate::domain::closing::ClosedPeriod;
use crate::domain::date::format_dmy;
use crate::domain::indicator::{Indicator, Value};
use crate::domain::plan::Due;
use crate::domain::{Lang, Period};
use crate::store::ClosingError;

texts!(ClosingText {
    Nobody => "(không rõ)", "(unknown)";
    KeyClose => "Chốt số liệu", "Close period";
    KeyReopen => "Mở lại kỳ", "Reopen period";
    Section => "Chốt số liệu", "Closing";
    ReasonPrompt => "Lý do mở lại", "Reason to reopen";
    ReasonHint => "Enter: mở lại · Esc: hủy", "Enter: reopen · Esc: cancel";
    NotClosedYet => "Kỳ này chưa chốt số liệu.", "This period is not closed.";
    HowToClose => "Khi đã gửi báo cáo kỳ này lên cấp trên, bấm s để chốt số liệu: số liệu như đã gửi được lưu lại, và mọi thay đổi hồ sơ có ngày trong kỳ sẽ bị từ chối cho đến khi mở lại kỳ (phím m, phải ghi lý do).",
        "Once this period's report is sent, press s to close it: the figures as sent are kept, and changes to records dated inside the period are refused until it is reopened (key m, with a reason).";
    NotOverNote => "Lưu ý: kỳ này chưa kết thúc; số liệu những ngày còn lại cũng bị chốt.",
        "Note: this period is not over; its remaining days are closed too.";
    OtherClosed => "Các kỳ đã chốt", "Closed periods";
    NoneClosed => "Chưa có kỳ nào được chốt.", "No period is closed yet.";
    Indicator => "Chỉ số", "Indicator";
    ColClosed => "Đã chốt", "Closed";
    ColToday => "Hôm nay", "Today";
    ColDiff => "Khác", "Diff.";
    Same => "Số liệu tính lại hôm nay khớp với số đã chốt.", "Today's figures match the closed figures.";
    Differences => "Các số khác số đã chốt", "Figures that differ";
    CommuneTotals => "Toàn xã: số đã chốt và số tính lại hôm nay", "Commune: closed figures and today's";
    Unreadable => "Không đọc được số liệu đã chốt của kỳ này (dữ liệu hỏng). Hãy chạy soxa check.",
        "The closed figures of this period cannot be read (damaged). Run soxa check.";
    WaitComputing => "Đang tính số liệu, hãy chờ một chút rồi thử lại.", "Still computing; try again in a moment.";
    // Indicators, as rows of the comparison.
    Active => "Hộ đang sinh sống", "Active households";
    Signed => "Hộ đã ký cam kết", "Households signed";
    Coverage => "Tỷ lệ ký", "Coverage";
    NewlySigned => "Mới ký trong kỳ", "Newly signed";
    Refused => "Từ chối ký", "Refused";
    Absent => "Vắng mặt", "Absent";
    NotContacted => "Chưa ký", "Not yet contacted";
    Violations => "Vi phạm trong kỳ", "Violations";
    ActiveTeams => "Tổ, đội đang hoạt động", "Active teams";
    ActiveMembers => "Thành viên cuối kỳ", "Active members";
    MembersJoined => "Thành viên vào trong kỳ", "Members joined";
    MembersLeft => "Thành viên thôi trong kỳ", "Members left";
    TeamsBelowMin => "Tổ, đội thiếu người", "Teams below minimum size";
    TeamsLeader => "Tổ, đội không đúng một tổ trưởng", "Teams without one leader";
    Trained => "Thành viên đã tập huấn", "Members trained";
    Mediators => "Hòa giải viên", "Mediators";
    MediatorsWomen => "Hòa giải viên nữ", "Women mediators";
    CarriedOver => "Vụ việc kỳ trước chuyển sang", "Cases carried over";
    Received => "Vụ việc tiếp nhận", "Cases received";
    ClosedOk => "Hòa giải thành", "Successful";
    ClosedFailed => "Hòa giải không thành", "Unsuccessful";
    Transferred => "Chuyển cơ quan có thẩm quyền", "Transferred";
    Withdrawn => "Rút yêu cầu", "Withdrawn";
    Pending => "Vụ việc đang giải quyết cuối kỳ", "Cases pending";
    SuccessRate => "Tỷ lệ hòa giải thành", "Success rate";
    LateStart => "Chậm bắt đầu", "Late start";
    Overdue => "Quá hạn", "Overdue";
});

/// "Quý III năm 2026".
fn label(lang: Lang, p: &Period) -> String {
    period_label(lang, p)
}

/// Who closed: the operator's name, or "unknown" when none was set.
fn by(lang: Lang, c: &ClosedPeriod) -> &str {
    if c.closed_by.is_empty() { ClosingText::Nobody.get(lang) } else { &c.closed_by }
}

fn when(at: NaiveDateTime) -> String {
    format!("{} {}", format_dmy(at.date()), at.format("%H:%M"))
}

/// One sentence for each refusal of closing or reopening, and for a write
/// that a closed period refuses.
pub fn error(lang: Lang, e: &ClosingError) -> String {
    match (e, lang) {
        (ClosingError::Frozen { period, kind, record, date }, Lang::Vi) => format!(
            "{} đã chốt số liệu: không lưu được {} «{record}» (ngày {}). Muốn sửa, hãy mở lại kỳ (màn hình Báo cáo, phím m; hoặc soxa reopen {} --reason \"…\").",
            label(lang, period),
            entity(lang, *kind).to_lowercase(),
            format_dmy(*date),
            period.code()
        ),
        (ClosingError::Frozen { period, kind, record, date }, Lang::En) => format!(
            "{} is closed: {} \"{record}\" (dated {}) was not saved. To change it, reopen the period (Reports screen, key m; or soxa reopen {} --reason \"…\").",
            label(lang, period),
            entity(lang, *kind).to_lowercase(),
            format_dmy(*date),
            period.code()
        ),
        (ClosingError::AlreadyClosed(p), Lang::Vi) => format!("{} đã được chốt số liệu rồi.", label(lang, p)),
        (ClosingError::AlreadyClosed(p), Lang::En) => format!("{} is already closed.", label(lang, p)),
        (ClosingError::NotClosed(p), Lang::Vi) => {
            format!("{} chưa được chốt số liệu, không cần mở lại.", label(lang, p))
        }
        (ClosingError::NotClosed(p), Lang::En) => {
            format!("{} is not closed; there is nothing to reopen.", label(lang, p))
        }
        (ClosingError::NotStarted(p), Lang::Vi) => format!("{} chưa bắt đầu, chưa thể chốt số liệu.", label(lang, p)),
        (ClosingError::NotStarted(p), Lang::En) => {
            format!("{} has not begun; it cannot be closed yet.", label(lang, p))
        }
        (ClosingError::NoReason, Lang::Vi) => "Cần ghi lý do mở lại kỳ đã chốt.".into(),
        (ClosingError::NoReason, Lang::En) => "Give the reason for reopening the closed period.".into(),
        (ClosingError::ReasonTooLong { max }, Lang::Vi) => format!("Lý do dài quá {max} ký tự."),
        (ClosingError::ReasonTooLong { max }, Lang::En) => format!("The reason is longer than {max} characters."),
    }
}

/// "Đã chốt ngày 05/10/2026 09:12 bởi Lê Thị Hoa" (the time if asked).
pub fn closed_on(lang: Lang, c: &ClosedPeriod, with_time: bool) -> String {
    let at = if with_time { when(c.closed_at) } else { format_dmy(c.closed_at.date()) };
    match lang {
        Lang::Vi => format!("Đã chốt ngày {at} bởi {}", by(lang, c)),
        Lang::En => format!("Closed on {at} by {}", by(lang, c)),
    }
}

/// "2 số khác số đã chốt".
pub fn differing(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Vi => format!("{} số liệu tính lại hôm nay khác số đã chốt (dòng đánh dấu ≠).", number(lang, n)),
        Lang::En if n == 1 => "1 figure computed today differs from the closed one (row marked ≠).".to_string(),
        Lang::En => format!("{} figures computed today differ from the closed ones (rows marked ≠).", number(lang, n)),
    }
}

/// "Quý III năm 2026 (đã chốt ngày 05/10/2026 09:12 bởi Lê Thị Hoa)".
pub fn closed_item(lang: Lang, c: &ClosedPeriod) -> String {
    let by = by(lang, c);
    match lang {
        Lang::Vi => {
            format!("{} ({}, chốt ngày {} bởi {by})", label(lang, &c.period), c.period.code(), when(c.closed_at))
        }
        Lang::En => {
            format!("{} ({}, closed on {} by {by})", label(lang, &c.period), c.period.code(), when(c.closed_at))
        }
    }
}

/// The question before closing from the Reports screen; `early` when the
/// period has not ended (a second question follows, [`confirm_early`]).
pub fn confirm_close(lang: Lang, p: &Period, early: bool) -> String {
    let not_over = match (early, lang) {
        (false, _) => "",
        (true, Lang::Vi) => " Kỳ này chưa kết thúc.",
        (true, Lang::En) => " This period has not ended.",
    };
    match lang {
        Lang::Vi => format!(
            "Chốt số liệu {}?{not_over} Số liệu đang xem được lưu lại như đã gửi; sau đó hồ sơ có ngày trong kỳ không sửa được cho đến khi mở lại kỳ. (c/k)",
            label(lang, p)
        ),
        Lang::En => format!(
            "Close {}?{not_over} The figures shown are kept as sent; records dated inside it cannot be changed until it is reopened. (y/n)",
            label(lang, p)
        ),
    }
}

/// The second question before closing a period that has not ended.
pub fn confirm_early(lang: Lang, p: &Period, days: u32) -> String {
    match lang {
        Lang::Vi => format!("{} còn {} ngày nữa mới hết. Vẫn chốt số liệu? (c/k)", label(lang, p), number(lang, days)),
        Lang::En => format!("{} has {} more days to go. Close it anyway? (y/n)", label(lang, p), number(lang, days)),
    }
}

/// `soxa close` of a period that has not ended, without `--early`.
pub fn refused_early(lang: Lang, p: &Period, days: u32) -> String {
    match lang {
        Lang::Vi => format!(
            "{} còn {} ngày nữa mới hết nên chưa chốt; muốn chốt sớm, chạy lại với --early.",
            label(lang, p),
            number(lang, days)
        ),
        Lang::En => format!(
            "{} has {} more days to go, so it is not closed; to close it early, run again with --early.",
            label(lang, p),
            number(lang, days)
        ),
    }
}

/// After a close: what was closed.
pub fn closed_done(lang: Lang, p: &Period) -> String {
    match lang {
        Lang::Vi => format!("Đã chốt số liệu {}.", label(lang, p)),
        Lang::En => format!("{} is closed.", label(lang, p)),
    }
}

/// After closing a half year or a year: its report's due date, "Hạn báo
/// cáo 6 tháng: 15/05/2026 (còn 12 ngày)."
pub fn report_due(lang: Lang, which: Due, date: NaiveDate, today: NaiveDate) -> String {
    let days = (date - today).num_days();
    let when = match lang {
        Lang::Vi if days == 0 => "hôm nay".to_string(),
        Lang::Vi if days > 0 => format!("còn {} ngày", number(lang, days)),
        Lang::Vi => format!("đã quá {} ngày", number(lang, -days)),
        Lang::En if days == 0 => "today".to_string(),
        Lang::En if days > 0 => format!("{} days left", number(lang, days)),
        Lang::En => format!("{} days ago", number(lang, -days)),
    };
    format!("{}: {} ({when}).", super::targets::due(lang, which), format_dmy(date))
}

/// After a reopen: what was reopened, and the closed periods that still
/// cover some of its days (a reopened quarter of a closed year).
pub fn reopened_done(lang: Lang, p: &Period, still: &[&ClosedPeriod]) -> String {
    let mut out = match lang {
        Lang::Vi => format!("Đã mở lại {}.", label(lang, p)),
        Lang::En => format!("{} is reopened.", label(lang, p)),
    };
    if !still.is_empty() {
        let names: Vec<String> = still.iter().map(|c| label(lang, &c.period)).collect();
        out.push_str(&match lang {
            Lang::Vi => format!(" Lưu ý: các ngày của kỳ này vẫn thuộc kỳ đã chốt {}.", names.join(", ")),
            Lang::En => format!(" Note: its days are still inside the closed {}.", names.join(", ")),
        });
    }
    out
}

/// Header line of a closed period on the Reports screen, with how many
/// figures differ today.
pub fn header(lang: Lang, c: &ClosedPeriod, differences: usize) -> String {
    let diff = match (lang, differences) {
        (Lang::Vi, 0) => "số liệu không đổi".to_string(),
        (Lang::En, 0) => "figures unchanged".to_string(),
        (Lang::Vi, n) => format!("{} số đã thay đổi", number(lang, n)),
        (Lang::En, 1) => "1 figure changed".to_string(),
        (Lang::En, n) => format!("{} figures changed", number(lang, n)),
    };
    format!("{} · {diff}", closed_on(lang, c, false))
}

/// Header line of a period not closed itself but inside closed ones.
pub fn inside(lang: Lang, covering: &[&ClosedPeriod]) -> String {
    let names: Vec<String> = covering.iter().map(|c| label(lang, &c.period)).collect();
    match lang {
        Lang::Vi => format!("Có ngày thuộc kỳ đã chốt: {}", names.join(", ")),
        Lang::En => format!("Some days are inside closed periods: {}", names.join(", ")),
    }
}

/// The name of an indicator, as a row of the comparison.
pub fn indicator(lang: Lang, i: Indicator) -> String {
    use ClosingText as T;
    let word = match i {
        Indicator::TeamsOfKind(k) => return format!("  {}", team_kind(lang, k)),
        Indicator::ReceivedOf(c) => return format!("  {}", case_category(lang, c)),
        Indicator::Active => T::Active,
        Indicator::Signed => T::Signed,
        Indicator::Coverage => T::Coverage,
        Indicator::NewlySigned => T::NewlySigned,
        Indicator::Refused => T::Refused,
        Indicator::Absent => T::Absent,
        Indicator::NotContacted => T::NotContacted,
        Indicator::Violations => T::Violations,
        Indicator::ActiveTeams => T::ActiveTeams,
        Indicator::ActiveMembers => T::ActiveMembers,
        Indicator::MembersJoined => T::MembersJoined,
        Indicator::MembersLeft => T::MembersLeft,
        Indicator::TeamsBelowMin => T::TeamsBelowMin,
        Indicator::TeamsWithoutOneLeader => T::TeamsLeader,
        Indicator::MembersTrained => T::Trained,
        Indicator::Mediators => T::Mediators,
        Indicator::MediatorsWomen => T::MediatorsWomen,
        Indicator::CarriedOver => T::CarriedOver,
        Indicator::Received => T::Received,
        Indicator::Successful => T::ClosedOk,
        Indicator::Unsuccessful => T::ClosedFailed,
        Indicator::Transferred => T::Transferred,
        Indicator::Withdrawn => T::Withdrawn,
        Indicator::Pending => T::Pending,
        Indicator::SuccessRate => T::SuccessRate,
        Indicator::LateStart => T::LateStart,
        Indicator::Overdue => T::Overdue,
    };
    word.get(lang).to_string()
}

/// "1.234" or "87,3%".
pub fn value(lang: Lang, v: Value) -> String {
    match v {
        Value::Count(n) => number(lang, n),
        Value::Permille(p) => percent(lang, p),
    }
}
