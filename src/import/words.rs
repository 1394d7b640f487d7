//! Words of imports: the dry-run report, the reasons a row is refused, why
//! an import stopped, and the lines of `soxa export households|members`
//! (records as spreadsheets the import reads back). They live here, not in
//! `i18n`, because `i18n` sits below `import` and knows none of its types;
//! the words are built from `i18n`'s own.

use std::path::Path;

use crate::domain::Lang;
use crate::i18n::{field, field_error, number, pick, store_error, texts};
use crate::import::limits::{
    MAX_CELLS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_RECORD_BYTES, MAX_ROWS, MAX_SHEET_TEXT_BYTES, MAX_WHOLE_PART_BYTES,
    MAX_XML_RUN, TooLarge,
};
use crate::import::{Column, ImportError, Kind, Notice, Origin, Reason};

texts!(ImportText {
    File => "Tệp", "File";
    HeaderRow => "dòng tiêu đề", "header row";
    Sheet => "trang tính", "sheet";
    Separator => "phân cách", "separator";
    Comma => "dấu phẩy", "comma";
    Semicolon => "dấu chấm phẩy", "semicolon";
    Tab => "dấu tab", "tab";
    ColumnsRead => "Cột đọc được", "Columns read";
    ColumnsIgnored => "Cột bỏ qua", "Columns ignored";
    YearColumns => "Cột cam kết theo năm", "Commitment columns by year";
    CommitmentsToWrite => "Bản cam kết sẽ ghi (ký, từ chối, vắng mặt)", "Commitments to write (signed, refused, absent)";
    CommitmentsWritten => "Bản cam kết đã ghi (ký, từ chối, vắng mặt)", "Commitments written (signed, refused, absent)";
    NewHamlets => "Thôn chưa có trong sổ", "Hamlets not in the ledger";
    WillCreate => "Sẽ thêm mới", "To add";
    WillUpdate => "Sẽ cập nhật", "To update";
    Created => "Đã thêm mới", "Added";
    Updated => "Đã cập nhật", "Updated";
    HamletsCreated => "Đã tạo thôn mới", "Hamlets created";
    NewTeams => "Tổ, đội sẽ tạo", "Teams to create";
    TeamsCreated => "Đã tạo tổ, đội", "Teams created";
    Unchanged => "Không đổi", "Unchanged";
    Rejected => "Bị từ chối", "Refused";
    Row => "Dòng", "Row";
    Rows => "dòng", "rows";
    More => "dòng khác", "more rows";
    Households => "hộ", "households";
    Members => "thành viên", "members";
    Models => "mô hình", "models";
    Assessments => "đánh giá khu dân cư", "area assessments";
    Outreach => "buổi tuyên truyền", "outreach sessions";
    TitleModels => "Nhập mô hình tự quản từ tệp", "Import self-management models from a file";
    TitleAssessments => "Nhập đánh giá khu dân cư từ tệp", "Import area assessments from a file";
    TitleOutreach => "Nhập buổi tuyên truyền từ tệp", "Import outreach sessions from a file";
    TitleCases => "Nhập sổ hòa giải từ tệp", "Import the mediation book from a file";
    Cases => "vụ việc hòa giải", "mediation cases";
    NewMembers => "Hòa giải viên sẽ thêm vào tổ", "Mediators to add to the team";
    MembersAdded => "Đã thêm hòa giải viên vào tổ", "Mediators added to the team";
    Warnings => "Nhập kèm cảnh báo", "Imported with warnings";
    DryRun => "Chạy thử: chưa ghi gì vào sổ.", "Dry run: nothing was written.";
    NothingToWrite => "Không có gì cần ghi: sổ đã khớp với tệp.", "Nothing to write: the ledger already matches the file.";
    Saved => "Đã lưu vào sổ.", "Saved in the ledger.";
    RejectsWritten => "Các dòng bị từ chối đã ghi vào", "The refused rows were written to";
    RejectsHint => "sửa rồi nhập lại tệp đó.", "fix them and import that file.";
    CreateHamletsHint => "Thêm --create-hamlets để tạo các thôn này khi nhập.", "Add --create-hamlets to create these hamlets while importing.";
    ReasonColumn => "Lỗi khi nhập", "Import error";
    Writing => "Đang ghi", "Writing";
    WritingNow => "Đang ghi vào sổ…", "Writing to the ledger…";
    TitleHouseholds => "Nhập hộ gia đình từ tệp", "Import households from a file";
    TitleMembers => "Nhập thành viên tổ, đội từ tệp", "Import team members from a file";
    PathPrompt => "Đường dẫn tệp .xlsx hoặc .csv (sẽ chạy thử trước, chưa ghi gì):", "Path of the .xlsx or .csv file (a dry run comes first; nothing is written yet):";
    PathHint => "Enter đọc tệp · Ctrl+U xóa dòng · Esc hủy", "Enter reads the file · Ctrl+U clears · Esc cancels";
    KeyImport => "Nhập từ tệp Excel/CSV", "Import from an Excel/CSV file";
    Reading => "Đang đọc tệp...", "Reading the file...";
});

/// "Mã hộ: trùng với dòng 4", "Chức danh: không rõ (...)".
pub fn reason(lang: Lang, r: &Reason) -> String {
    match (r, lang) {
        (Reason::Field(e), _) => field_error(lang, e),
        (Reason::Unknown(f), Lang::Vi) => format!("{}: không rõ{}", field(lang, *f), accepted(lang, *f)),
        (Reason::Unknown(f), Lang::En) => format!("{}: not recognised{}", field(lang, *f), accepted(lang, *f)),
        (Reason::Ambiguous(f), Lang::Vi) => {
            format!("{}: có nhiều {} cùng tên, hãy ghi rõ thôn", field(lang, *f), field(lang, *f).to_lowercase())
        }
        (Reason::Ambiguous(f), Lang::En) => {
            format!("{}: several share this name; add the hamlet", field(lang, *f))
        }
        (Reason::Repeated { field: f, first_row }, Lang::Vi) => {
            format!("{}: trùng với dòng {first_row}", field(lang, *f))
        }
        (Reason::Repeated { field: f, first_row }, Lang::En) => {
            format!("{}: same as row {first_row}", field(lang, *f))
        }
        (Reason::NotFound { field: f, names }, Lang::Vi) => {
            format!("{}: không có trong sổ: {names} (ghi vào người được mời)", field(lang, *f))
        }
        (Reason::NotFound { field: f, names }, Lang::En) => {
            format!("{}: not in the ledger: {names} (kept as invited)", field(lang, *f))
        }
        (Reason::Frozen(f), Lang::Vi) => format!("{}: thuộc kỳ đã khóa sổ, không thêm được", field(lang, *f)),
        (Reason::Frozen(f), Lang::En) => format!("{}: in a closed period, cannot be added", field(lang, *f)),
    }
}

/// The words a field accepts, after "không rõ".
fn accepted(lang: Lang, f: crate::domain::Field) -> &'static str {
    use crate::domain::Field;
    match f {
        Field::Role => pick(
            lang,
            " (ghi Tổ trưởng, Tổ phó, Tổ viên hoặc Hòa giải viên)",
            " (write Leader, Deputy, Member or Mediator)",
        ),
        Field::Gender => pick(lang, " (ghi Nam hoặc Nữ)", " (write Male or Female)"),
        Field::Status => pick(
            lang,
            " (ghi Thành, Không thành, Chuyển hoặc Rút)",
            " (write Successful, Unsuccessful, Transferred or Withdrawn)",
        ),
        _ => "",
    }
}

pub fn notice(lang: Lang, n: Notice) -> &'static str {
    match n {
        Notice::NoCatalog => pick(
            lang,
            "Cột ngày ký cam kết được bỏ qua: xã chưa có danh mục nội dung cam kết (thêm ở màn hình Cài đặt rồi nhập lại).",
            "The signing dates are skipped: the commune has no commitment items yet (add them in Settings, then import again).",
        ),
    }
}

/// "Có 3 dòng bị từ chối." on stderr at the end of an import.
pub fn refused_summary(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Vi => format!("Có {} dòng bị từ chối (xem danh sách ở trên).", number(lang, n)),
        Lang::En => format!("{} rows were refused (listed above).", number(lang, n)),
    }
}

/// The question under the report: "Enter: thêm 12, cập nhật 3 hộ, tạo 2 thôn mới · Esc: hủy".
pub fn confirm(lang: Lang, create: usize, update: usize, hamlets: usize, kind: Kind) -> String {
    let (create, update, hamlets) = (number(lang, create), number(lang, update), number(lang, hamlets));
    let unit = unit(lang, kind);
    let new_hamlets = match (lang, hamlets.as_str()) {
        (_, "0") => String::new(),
        (Lang::Vi, n) => format!(", tạo {n} thôn mới"),
        (Lang::En, n) => format!(", create {n} hamlets"),
    };
    match lang {
        Lang::Vi => format!("Enter: nhập (thêm {create}, cập nhật {update} {unit}{new_hamlets}) · Esc: hủy"),
        Lang::En => format!("Enter: import (add {create}, update {update} {unit}{new_hamlets}) · Esc: cancel"),
    }
}

/// The status line after an import from the interface.
pub fn imported(
    lang: Lang,
    created: usize,
    updated: usize,
    kind: Kind,
    refused: usize,
    rejects: Option<&Path>,
) -> String {
    let unit = unit(lang, kind);
    let (created, updated) = (number(lang, created), number(lang, updated));
    let head = match lang {
        Lang::Vi => format!("Đã nhập: thêm {created}, cập nhật {updated} {unit}. Ctrl+Z để hoàn tác."),
        Lang::En => format!("Imported: {created} added, {updated} updated {unit}. Ctrl+Z undoes it."),
    };
    match (rejects, lang) {
        (Some(path), Lang::Vi) => format!("{head} {} dòng bị từ chối, xem {}", number(lang, refused), path.display()),
        (Some(path), Lang::En) => format!("{head} {} rows refused, see {}", number(lang, refused), path.display()),
        (None, _) => head,
    }
}

/// All the reasons of a row, joined.
pub fn reasons(lang: Lang, all: &[Reason]) -> String {
    all.iter().map(|r| reason(lang, r)).collect::<Vec<_>>().join("; ")
}

pub fn column(lang: Lang, c: Column) -> &'static str {
    match c {
        Column::OutcomeSuccess => pick(lang, "Kết quả: thành", "Outcome: successful"),
        Column::OutcomeFailure => pick(lang, "Kết quả: không thành", "Outcome: unsuccessful"),
        Column::Outcome => pick(lang, "Kết quả", "Outcome"),
        Column::TrainedYear => pick(lang, "Năm tập huấn", "Trained in year"),
        _ => field(lang, c.field()),
    }
}

/// "hộ" or "thành viên".
pub fn unit(lang: Lang, kind: Kind) -> &'static str {
    match kind {
        Kind::Households => ImportText::Households.get(lang),
        Kind::Members => ImportText::Members.get(lang),
        Kind::Models => ImportText::Models.get(lang),
        Kind::Assessments => ImportText::Assessments.get(lang),
        Kind::Outreach => ImportText::Outreach.get(lang),
        Kind::Cases => ImportText::Cases.get(lang),
    }
}

/// "CSV, UTF-8 (BOM), dấu chấm phẩy" or "trang tính Sheet1".
pub fn origin(lang: Lang, o: &Origin) -> String {
    match o {
        Origin::Text { encoding, delimiter } => {
            let sep = match delimiter {
                b'\t' => ImportText::Tab.get(lang).to_string(),
                b';' => ImportText::Semicolon.get(lang).to_string(),
                b',' => ImportText::Comma.get(lang).to_string(),
                other => format!("'{}'", char::from(*other)),
            };
            format!("CSV, {}, {} {sep}", encoding.name(), ImportText::Separator.get(lang))
        }
        Origin::Workbook { sheet } => format!("{} \"{sheet}\"", ImportText::Sheet.get(lang)),
    }
}

pub fn error(lang: Lang, e: &ImportError) -> String {
    match (e, lang) {
        (ImportError::Read { path, detail }, Lang::Vi) => {
            format!("Không đọc được tệp {} ({detail}).", path.display())
        }
        (ImportError::Read { path, detail }, Lang::En) => {
            format!("Cannot read the file {} ({detail}).", path.display())
        }
        (ImportError::Workbook { path, detail }, Lang::Vi) => format!(
            "Không đọc được bảng tính {} ({detail}). Hãy mở bằng Excel và lưu lại dạng .xlsx hoặc CSV UTF-8.",
            path.display()
        ),
        (ImportError::Workbook { path, detail }, Lang::En) => format!(
            "Cannot read the workbook {} ({detail}). Open it in Excel and save it as .xlsx or CSV UTF-8.",
            path.display()
        ),
        (ImportError::TooLarge { path, what }, _) => too_large(lang, path, what),
        (ImportError::OldWorkbook { path }, Lang::Vi) => format!(
            "soxa không đọc được bảng tính kiểu cũ (.xls, .xlsb) hoặc .ods: {}. Hãy mở bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx hoặc CSV UTF-8.",
            path.display()
        ),
        (ImportError::OldWorkbook { path }, Lang::En) => format!(
            "soxa does not read old (.xls, .xlsb) or .ods workbooks: {}. Open it in Excel or LibreOffice and save it as .xlsx or CSV UTF-8.",
            path.display()
        ),
        (ImportError::NoHeader { kind }, _) => no_header(lang, *kind),
        (ImportError::MissingColumns(missing), Lang::Vi) => {
            format!("Tệp thiếu cột bắt buộc: {}.", names(lang, missing))
        }
        (ImportError::MissingColumns(missing), Lang::En) => {
            format!("The file lacks required columns: {}.", names(lang, missing))
        }
        (ImportError::UnknownTeam(name), Lang::Vi) => {
            format!("Không có tổ \"{name}\" trong sổ (xem tên tổ ở màn hình Tổ, đội hoặc nhập tổ trước).")
        }
        (ImportError::UnknownTeam(name), Lang::En) => {
            format!("No team named \"{name}\" in the ledger (see the Teams screen, or import the teams first).")
        }
        (ImportError::MissingHamlets(hamlets), Lang::Vi) => format!(
            "Chưa nhập gì: {} thôn trong tệp chưa có trong sổ: {}. Hãy thêm các thôn này ở màn hình Cài đặt, hoặc chạy lại với --create-hamlets để tạo khi nhập.",
            hamlets.len(),
            hamlets.join(", ")
        ),
        (ImportError::MissingHamlets(hamlets), Lang::En) => format!(
            "Nothing was imported: {} hamlets in the file are not in the ledger: {}. Add them in Settings, or run again with --create-hamlets to create them while importing.",
            hamlets.len(),
            hamlets.join(", ")
        ),
        (ImportError::Row { row, error }, Lang::Vi) => {
            format!("Chưa nhập gì: dòng {row} bị sổ từ chối: {}", store_error(lang, error))
        }
        (ImportError::Row { row, error }, Lang::En) => {
            format!("Nothing was imported: the ledger refused row {row}: {}", store_error(lang, error))
        }
        (ImportError::Store(e), Lang::Vi) => format!("Chưa nhập gì: {}", store_error(lang, e)),
        (ImportError::Store(e), Lang::En) => format!("Nothing was imported: {}", store_error(lang, e)),
        (ImportError::Write { path, detail }, Lang::Vi) => format!("Không ghi được tệp {} ({detail}).", path.display()),
        (ImportError::Write { path, detail }, Lang::En) => {
            format!("Cannot write the file {} ({detail}).", path.display())
        }
        (ImportError::Output(e), _) => crate::i18n::output::error(lang, e),
    }
}

/// One sentence naming the file (and sheet), what is too large, and the
/// limit (see `import::limits`).
fn too_large(lang: Lang, path: &Path, what: &TooLarge) -> String {
    let file = path.display();
    let limits = match lang {
        Lang::Vi => format!(
            "soxa nhận tối đa {} dòng, {} cột và {} ô mỗi trang",
            number(lang, MAX_ROWS),
            number(lang, MAX_COLUMNS),
            number(lang, MAX_CELLS)
        ),
        Lang::En => format!(
            "soxa accepts at most {} rows, {} columns and {} cells a sheet",
            number(lang, MAX_ROWS),
            number(lang, MAX_COLUMNS),
            number(lang, MAX_CELLS)
        ),
    };
    match (what, lang) {
        (TooLarge::File { bytes }, Lang::Vi) => format!(
            "Tệp {file} quá lớn để nhập ({} MB; soxa nhận tệp đến {} MB): hãy chia thành nhiều tệp nhỏ hơn.",
            number(lang, bytes / 1_048_576),
            number(lang, MAX_FILE_BYTES / 1_048_576)
        ),
        (TooLarge::File { bytes }, Lang::En) => format!(
            "The file {file} is too large to import ({} MB; soxa accepts files up to {} MB): split it into smaller files.",
            number(lang, bytes / 1_048_576),
            number(lang, MAX_FILE_BYTES / 1_048_576)
        ),
        (TooLarge::Part { name }, Lang::Vi) => format!(
            "Bảng tính {file} bị hỏng hoặc quá lớn (phần {name} giải nén ra quá {} MB): hãy mở bằng Excel và lưu lại dạng .xlsx.",
            number(lang, MAX_WHOLE_PART_BYTES / 1_048_576)
        ),
        (TooLarge::Part { name }, Lang::En) => format!(
            "The workbook {file} is damaged or too large (its part {name} unpacks to over {} MB): open it in Excel and save it again as .xlsx.",
            number(lang, MAX_WHOLE_PART_BYTES / 1_048_576)
        ),
        (TooLarge::Value { part }, Lang::Vi) => format!(
            "Bảng tính {file} bị hỏng hoặc quá lớn (phần {part} có một giá trị dài quá {} MB): hãy mở bằng Excel và lưu lại dạng .xlsx.",
            number(lang, MAX_XML_RUN / 1_048_576)
        ),
        (TooLarge::Value { part }, Lang::En) => format!(
            "The workbook {file} is damaged or too large (its part {part} holds a value over {} MB): open it in Excel and save it again as .xlsx.",
            number(lang, MAX_XML_RUN / 1_048_576)
        ),
        (TooLarge::Text { sheet }, Lang::Vi) => format!(
            "Trang tính \"{sheet}\" của tệp {file} quá lớn: các ô chứa hơn {} MB chữ; hãy chia thành nhiều tệp nhỏ hơn.",
            number(lang, MAX_SHEET_TEXT_BYTES / 1_048_576)
        ),
        (TooLarge::Text { sheet }, Lang::En) => format!(
            "The sheet \"{sheet}\" of {file} is too large: its cells hold over {} MB of text; split it into smaller files.",
            number(lang, MAX_SHEET_TEXT_BYTES / 1_048_576)
        ),
        (TooLarge::FarCell { sheet, cell }, Lang::Vi) => format!(
            "Trang tính \"{sheet}\" của tệp {file} quá lớn: có dữ liệu ở ô {cell}, mà {limits}; hãy xóa các ô thừa ở xa (Ctrl+End trong Excel đưa tới ô cuối) rồi lưu lại."
        ),
        (TooLarge::FarCell { sheet, cell }, Lang::En) => format!(
            "The sheet \"{sheet}\" of {file} is too large: it has data in cell {cell}, and {limits}; delete the stray far cells (Ctrl+End in Excel goes to the last one) and save it again."
        ),
        (TooLarge::Sheet { sheet, rows, columns }, Lang::Vi) => {
            let place = if sheet.is_empty() {
                format!("Tệp {file}")
            } else {
                format!("Trang tính \"{sheet}\" của tệp {file}")
            };
            format!(
                "{place} quá lớn: {} dòng × {} cột, mà {limits}; hãy chia thành nhiều tệp nhỏ hơn.",
                number(lang, rows),
                number(lang, columns)
            )
        }
        (TooLarge::Sheet { sheet, rows, columns }, Lang::En) => {
            let place =
                if sheet.is_empty() { format!("The file {file}") } else { format!("The sheet \"{sheet}\" of {file}") };
            format!(
                "{place} is too large: {} rows × {} columns, and {limits}; split it into smaller files.",
                number(lang, rows),
                number(lang, columns)
            )
        }
        (TooLarge::Record { line }, Lang::Vi) => format!(
            "Tệp {file} có một dòng quá dài ở dòng {line} (soxa nhận mỗi dòng đến {} KB): tệp có thể không phải CSV, hoặc thiếu dấu ngoặc kép đóng.",
            number(lang, MAX_RECORD_BYTES / 1024)
        ),
        (TooLarge::Record { line }, Lang::En) => format!(
            "The file {file} has an over-long row at line {line} (soxa accepts rows up to {} KB): it may not be a CSV file, or a closing quote is missing.",
            number(lang, MAX_RECORD_BYTES / 1024)
        ),
    }
}

fn no_header(lang: Lang, kind: Kind) -> String {
    let expected = names(lang, &kind.columns().take(4).collect::<Vec<_>>());
    match lang {
        Lang::Vi => format!("Không tìm thấy dòng tiêu đề trong tệp. Dòng đầu bảng cần có tên cột, ví dụ: {expected}."),
        Lang::En => format!(
            "No header row found in the file. The table's first row must name its columns, for example: {expected}."
        ),
    }
}

fn names(lang: Lang, columns: &[Column]) -> String {
    columns.iter().map(|c| column(lang, *c)).collect::<Vec<_>>().join(", ")
}

/// "Dòng 5: Số điện thoại: ..." for the report and the rejected-rows file.
pub fn rejected_row(lang: Lang, row: usize, all: &[Reason]) -> String {
    format!("{} {row}: {}", ImportText::Row.get(lang), reasons(lang, all))
}

/// "1.234 hộ".
pub fn count(lang: Lang, n: usize, kind: Kind) -> String {
    format!("{} {}", number(lang, n), unit(lang, kind))
}

/// The file's name, as the report heads it.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

texts!(RecordsText {
    UnknownFormat => "Hãy đặt tên tệp kết thúc bằng .csv hoặc .xlsx.", "Give the file a name ending in .csv or .xlsx.";
    Masked => "số CCCD đã được che; thêm --include-personal để ghi đầy đủ", "national ID numbers masked; add --include-personal to write them in full";
    Full => "có số CCCD đầy đủ: hãy giữ tệp cẩn thận", "with full national ID numbers: keep the file safe";
});

/// "Đã ghi 8.000 hộ vào ho.csv (số CCCD đã được che; ...)."
pub fn written(lang: Lang, n: usize, kind: Kind, path: &Path, include_personal: bool) -> String {
    if matches!(kind, Kind::Models | Kind::Assessments | Kind::Outreach) {
        // A row per year reviewed or per attending household: count rows;
        // these files hold no national ID numbers.
        let rows = ImportText::Rows.get(lang);
        return match lang {
            Lang::Vi => format!("Đã ghi {} {rows} {} vào {}.", number(lang, n), unit(lang, kind), path.display()),
            Lang::En => format!("Wrote {} {rows} of {} to {}.", number(lang, n), unit(lang, kind), path.display()),
        };
    }
    let note = if include_personal { RecordsText::Full } else { RecordsText::Masked }.get(lang);
    let unit = unit(lang, kind);
    match lang {
        Lang::Vi => format!("Đã ghi {} {unit} vào {} ({note}).", number(lang, n), path.display()),
        Lang::En => format!("Wrote {} {unit} to {} ({note}).", number(lang, n), path.display()),
    }
}

pub fn cannot_write(lang: Lang, path: &Path, detail: &str) -> String {
    match lang {
        Lang::Vi => format!("Không ghi được tệp {} ({detail}).", path.display()),
        Lang::En => format!("Cannot write the file {} ({detail}).", path.display()),
    }
}
