//! Words of the mediation book (sổ theo dõi hoạt động hòa giải ở cơ sở):
//! its heading and columns, as the Ministry of Justice's form names them,
//! the few words written into its rows, and the sentences of a team not
//! found. They live here, not in `i18n`, because `i18n` sits below `report`.

use crate::domain::Lang;
use crate::i18n::texts;
use crate::report::book::FindError;

texts!(BookText {
    Issuer => "ỦY BAN NHÂN DÂN", "PEOPLE'S COMMITTEE";
    Title => "SỔ THEO DÕI HOẠT ĐỘNG HÒA GIẢI Ở CƠ SỞ", "GRASSROOTS MEDIATION LOG BOOK";
    Year => "Năm", "Year";
    Sheet => "Sổ hòa giải", "Mediation book";
    ColNumber => "STT", "No.";
    ColReceived => "Ngày, tháng, năm tiếp nhận", "Date received";
    ColPeople => "Hòa giải viên và người được mời", "Mediators and invited persons";
    ColParties => "Họ tên, tuổi, địa chỉ các bên", "Parties: name, age, address";
    ColContent => "Nội dung chính của vụ việc", "Main content of the case";
    ColAgreement => "Thỏa thuận đạt được hoặc yêu cầu của các bên", "Agreement reached or the parties' requests";
    ColResult => "Kết quả hòa giải (thành / không thành)", "Result (successful / unsuccessful)";
    ColSignature => "Chữ ký", "Signature";
    ColNotes => "Ghi chú", "Notes";
    Success => "Thành", "Successful";
    Failure => "Không thành", "Unsuccessful";
    Mediators => "Hòa giải viên", "Mediators";
    Invited => "Người được mời", "Invited";
    Aged => "tuổi", "aged";
    CaseNumber => "Số", "No.";
    NoCases => "(Không có vụ việc nào tiếp nhận trong năm)", "(No case received in the year)";
    Page => "Trang", "Page";
    Written => "Đã xuất sổ theo dõi hoạt động hòa giải", "Mediation book written";
    Rows => "vụ việc", "cases";
    FileStem => "so-hoa-giai", "mediation-book";
});

/// "45 tuổi" / "aged 45".
pub fn age(lang: Lang, years: u8) -> String {
    match lang {
        Lang::Vi => format!("{years} {}", BookText::Aged.get(lang)),
        Lang::En => format!("{} {years}", BookText::Aged.get(lang)),
    }
}

/// Why `--team` found no one team, in the clerk's language.
pub fn find_error(lang: Lang, e: &FindError) -> String {
    match (e, lang) {
        (FindError::Store(e), _) => crate::i18n::store_error(lang, e),
        (FindError::Unknown { asked, known }, Lang::Vi) => {
            format!("Không có tổ hòa giải nào là \"{asked}\". Các tổ hòa giải: {}.", list(known))
        }
        (FindError::Unknown { asked, known }, Lang::En) => {
            format!("No mediation team is \"{asked}\". The mediation teams: {}.", list(known))
        }
        (FindError::Several { asked, matching }, Lang::Vi) => {
            format!("\"{asked}\" chỉ nhiều tổ hòa giải: {}. Hãy ghi tên đầy đủ của tổ.", list(matching))
        }
        (FindError::Several { asked, matching }, Lang::En) => {
            format!("\"{asked}\" names several mediation teams: {}. Give the team's full name.", list(matching))
        }
    }
}

fn list(names: &[String]) -> String {
    if names.is_empty() {
        return "–".into();
    }
    names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
}
