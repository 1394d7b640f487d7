//! The sample mediation book `data/samples/so_hoa_giai.xlsx`: its rows and
//! the writer that lays them out as communes keep the book (see
//! `cases.rs`). Shared by the tests, which check the committed file is what
//! the writer makes, and by `examples/write-sample-book.rs`, which writes it
//! again after [`BOOK`] changes.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook};

/// The sample's rows: (received d/m/y, mediators, parties, content,
/// agreement, outcome: 'T' thành, 'K' không thành, ' ' open, notes).
pub const BOOK: &[(&str, &str, &str, &str, &str, char, &str)] = &[
    (
        "08/01/2024",
        "Trần Thanh Giang, Vũ Thanh Oanh",
        "Ông Nguyễn Văn Bảy, 52 tuổi, xóm 1 thôn Đông\nBà Lê Thị Tư, 48 tuổi, xóm 1 thôn Đông",
        "Tranh chấp ranh giới đất vườn",
        "Hai bên thống nhất cắm lại mốc giới",
        'T',
        "",
    ),
    (
        "19/03/2024",
        "Lê Thị Yến",
        "Phạm Văn Hòa (sinh 1975), xóm 2 – Đỗ Văn Lực (sinh 1980), xóm 2",
        "Mâu thuẫn do nước thải chảy sang nhà bên",
        "Ông Lực làm rãnh thoát nước",
        'T',
        "",
    ),
    (
        "02/06/2024",
        "Vũ Thanh Yến\nMời: ông Trưởng thôn Đông",
        "Bùi Thị Sen, 35 tuổi; Hoàng Văn Tám, 38 tuổi",
        "Mâu thuẫn vợ chồng",
        "Bà Sen yêu cầu ông Tám không uống rượu",
        'K',
        "Hướng dẫn đến UBND xã",
    ),
    (
        "14/09/2024",
        "Trần Thanh Giang",
        "Ông Vũ Văn Chín, 60 tuổi, thôn Đông\nÔng Đặng Văn Mười, 58 tuổi, thôn Tây",
        "Vay nợ 20 triệu đồng không trả",
        "Trả dần mỗi tháng 2 triệu",
        'T',
        "",
    ),
    ("", "", "", "", "", ' ', ""),
    (
        "10/01/2025",
        "Vũ Thanh Oanh, Lê Thị Yến",
        "Nguyễn Thị Hạnh, 44 tuổi – Trần Văn Khoa, 47 tuổi",
        "Tranh chấp lối đi chung",
        "Mở lối đi rộng 1,5 m",
        'T',
        "",
    ),
    (
        "25/04/2025",
        "Ngô Văn Thịnh",
        "Ông Lý Văn Sơn, 66 tuổi, xóm 3\nÔng Hà Văn Tùng, 63 tuổi, xóm 3",
        "Gia súc phá hoa màu",
        "Bồi thường 1 triệu đồng",
        'T',
        "Hòa giải viên mới",
    ),
    ("07/08/2025", "Vũ Thanh Yến", "Phan Thị Nga, 30 tuổi; Phan Văn Lộc, 33 tuổi", "Chia tài sản thừa kế", "", 'K', ""),
    ("", "", "", "", "", ' ', ""),
    (
        "12/02/2026",
        "Trần Thanh Giang, Ngô Văn Thịnh",
        "Bà Cao Thị Lụa, 51 tuổi, xóm 1\nÔng Mai Văn Đức, 55 tuổi, xóm 1",
        "Xây tường lấn sang đất nhà bên",
        "Dỡ phần tường lấn",
        'T',
        "",
    ),
    (
        "03/05/2026",
        "Lê Thị Yến",
        "Đinh Văn Hải, 40 tuổi – Đinh Văn Hà, 37 tuổi",
        "Anh em tranh chấp đất hương hỏa",
        "",
        'K',
        "",
    ),
    (
        "15/07/2026",
        "Vũ Thanh Oanh",
        "Tô Thị Mận, 29 tuổi; Tô Văn Đào, 31 tuổi",
        "Tiếng ồn hát karaoke ban đêm",
        "Không hát sau 22 giờ",
        'T',
        "",
    ),
    (
        "22/08/2026",
        "Vũ Thanh Yến, Trần Thanh Giang",
        "Ông Lương Văn Nam, 70 tuổi\nBà Lương Thị Bắc, 65 tuổi",
        "Tranh chấp tiền phụng dưỡng mẹ",
        "Mỗi người góp 1 triệu mỗi tháng",
        'T',
        "",
    ),
    (
        "09/09/2026",
        "Lê Thị Yến",
        "Kiều Văn Bình, 45 tuổi – Kiều Văn An, 42 tuổi",
        "Mâu thuẫn chung ngõ đi",
        "",
        'K',
        "",
    ),
    (
        "28/09/2026",
        "Trần Thanh Giang",
        "Quách Thị Liên, 50 tuổi; Quách Văn Sinh, 53 tuổi",
        "Tranh chấp ranh giới đất ruộng",
        "",
        ' ',
        "Đang hòa giải",
    ),
    (
        "10/11/2026",
        "Vũ Thanh Oanh",
        "Ông Từ Văn Hậu, 62 tuổi\nÔng Thái Văn Lộc, 59 tuổi",
        "Cây đổ sang nhà bên",
        "",
        ' ',
        "",
    ),
];

/// Header cells of the merged two-row header, by column.
pub const HEADINGS: [&str; 9] = [
    "STT",
    "Ngày tiếp nhận",
    "Hòa giải viên, người được mời",
    "Họ tên, tuổi, địa chỉ các bên",
    "Nội dung chính của vụ việc",
    "Thỏa thuận đạt được / yêu cầu của các bên",
    "Kết quả hòa giải",
    "",
    "Ghi chú",
];

pub fn sample_book() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples/so_hoa_giai.xlsx")
}

/// Writes the book as a commune keeps it (see the module): title block
/// merged over the columns, the header merged over two rows, "(1)" to
/// "(9)" under it, dates as date cells (one year as typed text).
pub fn write_book(path: &Path, rows: &[(&str, &str, &str, &str, &str, char, &str)]) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Sổ hòa giải").unwrap();
    let centre = Format::new().set_align(FormatAlign::Center).set_bold();
    let wrap = Format::new().set_text_wrap();
    let day = Format::new().set_num_format("dd/mm/yyyy");
    let title = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "SỔ THEO DÕI HOẠT ĐỘNG HÒA GIẢI Ở CƠ SỞ",
        "Tổ hòa giải thôn Đông, xã Tân Hòa",
    ];
    for (r, t) in (0u32..).zip(title) {
        sheet.merge_range(r, 0, r, 8, t, &centre).unwrap();
    }
    for (c, h) in (0u16..).zip(HEADINGS) {
        if c == 6 {
            sheet.merge_range(5, 6, 5, 7, h, &centre).unwrap();
        } else if c != 7 {
            sheet.merge_range(5, c, 6, c, h, &centre).unwrap();
        }
    }
    sheet.write_string_with_format(6, 6, "Thành", &centre).unwrap();
    sheet.write_string_with_format(6, 7, "Không thành", &centre).unwrap();
    for c in 0u16..9 {
        sheet.write_string(7, c, format!("({})", c + 1)).unwrap();
    }
    let mut number = 0;
    for (r, row) in (8u32..).zip(rows) {
        let (received, mediators, parties, content, agreement, outcome, notes) = *row;
        if received.is_empty() {
            continue;
        }
        number += 1;
        sheet.write_number(r, 0, f64::from(number)).unwrap();
        let dmy: Vec<u16> = received.split('/').map(|p| p.parse().unwrap()).collect();
        if dmy[2] == 2025 {
            sheet.write_string(r, 1, received).unwrap();
        } else {
            let date = ExcelDateTime::from_ymd(dmy[2], dmy[1] as u8, dmy[0] as u8).unwrap();
            sheet.write_date_with_format(r, 1, &date, &day).unwrap();
        }
        for (c, text) in [(2u16, mediators), (3, parties), (4, content), (5, agreement), (8, notes)] {
            if !text.is_empty() {
                sheet.write_string_with_format(r, c, text, &wrap).unwrap();
            }
        }
        match outcome {
            'T' => sheet.write_string(r, 6, "x").map(|_| ()).unwrap(),
            'K' => sheet.write_string(r, 7, "x").map(|_| ()).unwrap(),
            _ => {}
        }
    }
    book.save(path).unwrap();
}
