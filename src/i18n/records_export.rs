//! Words of `soxa export households|members` (records as spreadsheets the
//! import reads back); the report exports have `exports`.

use std::path::Path;

use super::number;
use crate::domain::Lang;
use crate::import::Kind;

texts!(RecordsText {
    UnknownFormat => "Hãy đặt tên tệp kết thúc bằng .csv hoặc .xlsx.", "Give the file a name ending in .csv or .xlsx.";
    Masked => "số CCCD đã được che; thêm --include-personal để ghi đầy đủ", "national ID numbers masked; add --include-personal to write them in full";
    Full => "có số CCCD đầy đủ: hãy giữ tệp cẩn thận", "with full national ID numbers: keep the file safe";
});

/// "Đã ghi 8.000 hộ vào ho.csv (số CCCD đã được che; ...)."
pub fn written(lang: Lang, n: usize, kind: Kind, path: &Path, include_personal: bool) -> String {
    let note = if include_personal { RecordsText::Full } else { RecordsText::Masked }.get(lang);
    let unit = super::imports::unit(lang, kind);
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
