//! Words of operators, signing in, refusals and the access log.

use super::{entity, number, pick};
use crate::domain::Lang;
use crate::domain::access::{Action, OperatorRole, Refusal};
use crate::domain::operator::{AccessEntry, AccessEvent, PersonalNumber};
use crate::store::operators::AccessError;

/// "Quản trị", "Công an xã"...
pub fn role(lang: Lang, r: OperatorRole) -> &'static str {
    match r {
        OperatorRole::Admin => pick(lang, "Quản trị", "Administrator"),
        OperatorRole::Police => pick(lang, "Công an xã", "Commune police"),
        OperatorRole::Justice => pick(lang, "Tư pháp", "Justice"),
        OperatorRole::HamletHead => pick(lang, "Trưởng thôn", "Hamlet head"),
        OperatorRole::Viewer => pick(lang, "Chỉ xem", "Viewer"),
    }
}

/// What the action is, as the object of "Việc ... cần vai trò".
pub fn action(lang: Lang, a: Action) -> String {
    let s = match a {
        Action::ReadHouseholds => pick(lang, "xem hộ gia đình", "seeing households"),
        Action::ReadTeams => pick(lang, "xem tổ/đội", "seeing teams"),
        Action::ReadCases => pick(lang, "xem vụ việc hòa giải", "seeing mediation cases"),
        Action::ReadTargets => pick(lang, "xem chỉ tiêu", "seeing targets"),
        Action::ReadReports => pick(lang, "xem báo cáo", "seeing reports"),
        Action::Unmask => pick(lang, "xem đầy đủ số CCCD, số điện thoại", "seeing full ID and phone numbers"),
        Action::WriteHousehold => pick(lang, "sửa hộ gia đình", "changing households"),
        Action::WriteCommitment { .. } => pick(lang, "ghi cam kết của hộ", "recording commitments"),
        Action::WriteTeam { .. } => pick(lang, "sửa tổ/đội này", "changing this team"),
        Action::WriteCase => pick(lang, "sửa vụ việc hòa giải", "changing mediation cases"),
        Action::WriteModel => pick(lang, "sửa mô hình tự quản", "changing self-management models"),
        Action::WriteAssessment => pick(lang, "sửa đánh giá khu dân cư", "changing area assessments"),
        Action::WriteOutreach { .. } => pick(lang, "ghi buổi tuyên truyền", "recording outreach sessions"),
        Action::WriteSettings => pick(lang, "sửa cài đặt của xã", "changing the commune's settings"),
        Action::ExportMasked => pick(lang, "xuất báo cáo", "exporting reports"),
        Action::ExportPersonal { .. } => {
            pick(lang, "xuất tệp có thông tin cá nhân", "exporting files with personal data")
        }
        Action::ClosePeriod => pick(lang, "chốt số liệu", "closing a period"),
        Action::ReopenPeriod => pick(lang, "mở lại kỳ đã chốt", "reopening a closed period"),
        Action::Backup => pick(lang, "sao lưu", "making a backup"),
        Action::Restore => pick(lang, "khôi phục từ bản sao lưu", "restoring from a backup"),
        Action::Purge => pick(lang, "xóa thông tin cá nhân", "erasing personal data"),
        Action::ManageOperators => pick(lang, "quản lý người dùng", "managing users"),
        Action::ReadAccessLog => pick(lang, "xem nhật ký truy cập", "seeing the access log"),
        Action::ManageRequests => pick(lang, "xử lý yêu cầu của chủ thể dữ liệu", "handling data subjects' requests"),
    };
    s.to_string()
}

/// "Quản trị hoặc Công an xã".
fn roles(lang: Lang, roles: &[OperatorRole]) -> String {
    let names: Vec<&str> = roles.iter().map(|r| role(lang, *r)).collect();
    match names.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} {} {last}", rest.join(", "), pick(lang, "hoặc", "or")),
        None => String::new(),
    }
}

/// One sentence: "Việc xem hộ gia đình cần vai trò Quản trị, Công an xã hoặc
/// Trưởng thôn; bạn đang dùng vai trò Tư pháp. Không có gì được ghi."
pub fn refusal(lang: Lang, r: &Refusal) -> String {
    let what = action(lang, r.action);
    let needed = roles(lang, &r.needed);
    let mine = role(lang, r.role);
    match lang {
        Lang::Vi => format!("Việc {what} cần vai trò {needed}; bạn đang dùng vai trò {mine}. Không có gì được ghi."),
        Lang::En => {
            format!("{} needs the role {needed}; you are signed in as {mine}. Nothing was written.", capital(&what))
        }
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

pub fn error(lang: Lang, e: &AccessError) -> String {
    match e {
        AccessError::Invalid(fe) => super::field_error(lang, fe),
        AccessError::FirstMustBeAdmin => pick(
            lang,
            "Người dùng đầu tiên phải có vai trò Quản trị (admin).",
            "The first user must be an administrator (admin).",
        )
        .into(),
        AccessError::LastAdmin => pick(
            lang,
            "Không xóa được người quản trị cuối cùng; hãy thêm một người quản trị khác trước.",
            "The last administrator cannot be removed; add another administrator first.",
        )
        .into(),
        AccessError::NameTaken => pick(lang, "Đã có người dùng mang tên này.", "A user with this name exists.").into(),
        AccessError::NoSuchOperator => pick(lang, "Không có người dùng mang tên này.", "No user has this name.").into(),
        AccessError::HamletMismatch => pick(
            lang,
            "Vai trò Trưởng thôn cần chọn thôn (--hamlet MÃ); các vai trò khác không gắn với thôn.",
            "The hamlet head role needs a hamlet (--hamlet CODE); other roles have none.",
        )
        .into(),
        AccessError::WrongSignIn { wait_secs: 0 } => {
            pick(lang, "Tên hoặc mật khẩu không đúng.", "Wrong name or passphrase.").into()
        }
        AccessError::WrongSignIn { wait_secs } => match lang {
            Lang::Vi => format!("Tên hoặc mật khẩu không đúng. Thử lại sau {} giây.", number(lang, *wait_secs)),
            Lang::En => format!("Wrong name or passphrase. Try again in {} seconds.", number(lang, *wait_secs)),
        },
        AccessError::MustWait { secs } => match lang {
            Lang::Vi => format!("Đã nhập sai nhiều lần; hãy chờ {} giây rồi thử lại.", number(lang, *secs)),
            Lang::En => format!("Too many wrong tries; wait {} seconds and try again.", number(lang, *secs)),
        },
        AccessError::SignInNeeded => pick(
            lang,
            "Sổ này có người dùng: hãy ghi tên bằng --user TÊN (mật khẩu sẽ được hỏi).",
            "This ledger has users: give your name with --user NAME (the passphrase is asked).",
        )
        .into(),
        AccessError::Refused(r) => refusal(lang, r),
    }
}

/// What a personal export held, stored as the command's word
/// ("households", "report 2026-Q3"), in the reader's language.
fn exported_what(lang: Lang, what: &str) -> String {
    use crate::domain::EntityKind as K;
    let kind = match what {
        "households" => Some(K::Household),
        "members" => Some(K::Member),
        "models" => Some(K::Model),
        "assessments" => Some(K::Assessment),
        "outreach" => Some(K::Outreach),
        _ => None,
    };
    match (kind, what.strip_prefix("report ")) {
        (Some(k), _) => entity(lang, k).to_string(),
        (None, Some(period)) => format!("{} {period}", pick(lang, "Báo cáo", "Report")),
        (None, None) => what.to_string(),
    }
}

fn number_word(lang: Lang, n: PersonalNumber) -> &'static str {
    match n {
        PersonalNumber::NationalId => pick(lang, "số CCCD", "ID number"),
        PersonalNumber::Phone => pick(lang, "số điện thoại", "phone number"),
    }
}

/// What an access-log entry records, in one line (without time and who).
pub fn event(lang: Lang, e: &AccessEvent) -> String {
    let v = lang == Lang::Vi;
    match e {
        AccessEvent::SignedIn => pick(lang, "Đăng nhập", "Signed in").into(),
        AccessEvent::SignInFailed { name } => {
            if v {
                format!("Đăng nhập sai (tên gõ: {name})")
            } else {
                format!("Failed sign-in (name typed: {name})")
            }
        }
        AccessEvent::Unmasked { kind, reference, number: n, .. } => {
            let k = entity(lang, *kind);
            if v {
                format!("Xem đầy đủ {} của {k} {reference}", number_word(lang, *n))
            } else {
                format!("Saw the full {} of {k} {reference}", number_word(lang, *n))
            }
        }
        AccessEvent::ExportedPersonal { what, file } => {
            let what = exported_what(lang, what);
            if v {
                format!("Xuất {what} có thông tin cá nhân: {file}")
            } else {
                format!("Exported {what} with personal data: {file}")
            }
        }
        AccessEvent::ExportedBook { team, year, file } => {
            if v {
                format!("Xuất sổ hòa giải {team} năm {year}: {file}")
            } else {
                format!("Exported the mediation book of {team}, {year}: {file}")
            }
        }
        AccessEvent::Purged { kind, reference, .. } => {
            let k = entity(lang, *kind);
            if v {
                format!("Xóa thông tin cá nhân của {k} {reference}")
            } else {
                format!("Erased the personal data of {k} {reference}")
            }
        }
        AccessEvent::PurgedExpired { records } => {
            let n = number(lang, *records);
            if v {
                format!("Xóa thông tin cá nhân hết hạn lưu giữ: {n} hồ sơ")
            } else {
                format!("Erased personal data past retention: {n} records")
            }
        }
        AccessEvent::Compacted { before, after } => {
            let (b, a) = (crate::i18n::numbers::size(lang, *before), crate::i18n::numbers::size(lang, *after));
            if v { format!("Thu gọn sổ: {b} → {a}") } else { format!("Compacted the ledger: {b} → {a}") }
        }
        AccessEvent::Restored { from } => {
            if v {
                format!("Khôi phục sổ từ {from}")
            } else {
                format!("Restored the ledger from {from}")
            }
        }
        AccessEvent::OperatorAdded { name, role: r } => {
            let r = role(lang, *r);
            if v { format!("Thêm người dùng {name} ({r})") } else { format!("Added user {name} ({r})") }
        }
        AccessEvent::OperatorRemoved { name } => {
            if v {
                format!("Xóa người dùng {name}")
            } else {
                format!("Removed user {name}")
            }
        }
        AccessEvent::PassphraseChanged { name } => {
            if v {
                format!("Đổi mật khẩu của {name}")
            } else {
                format!("Changed the passphrase of {name}")
            }
        }
        AccessEvent::RecoveryKeyRotated => {
            pick(lang, "Tạo khóa khôi phục mới cho bản sao lưu", "Made a new recovery key for backups").into()
        }
        AccessEvent::AccessLogExported { file } => {
            if v {
                format!("Xuất nhật ký truy cập: {file}")
            } else {
                format!("Exported the access log: {file}")
            }
        }
        AccessEvent::PrivacySettingsChanged => {
            pick(lang, "Sửa cài đặt bảo vệ dữ liệu", "Changed the privacy settings").into()
        }
        AccessEvent::RequestRecorded { id } => {
            if v {
                format!("Ghi nhận yêu cầu số {id} của chủ thể dữ liệu")
            } else {
                format!("Recorded data request no. {id}")
            }
        }
        AccessEvent::RequestUpdated { id } => {
            if v {
                format!("Cập nhật yêu cầu số {id} của chủ thể dữ liệu")
            } else {
                format!("Updated data request no. {id}")
            }
        }
    }
}

/// "06/12/2026 14:03  Lê Thị Hoa  Đăng nhập".
pub fn entry_line(lang: Lang, e: &AccessEntry) -> String {
    let who = if e.operator.is_empty() { "–" } else { e.operator.as_str() };
    format!("{}  {who}  {}", e.at.format("%d/%m/%Y %H:%M"), event(lang, &e.event))
}

/// "Mật khẩu của Lê Thị Hoa: " (asked without echo).
pub fn passphrase_prompt(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Vi => format!("Mật khẩu của {name}: "),
        Lang::En => format!("Passphrase of {name}: "),
    }
}
