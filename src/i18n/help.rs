//! Words of `soxa --help` and every command's help. The English help is
//! the doc comments of `cli`'s argument types (clap's derive); a
//! Vietnamese run (the default) has each command's and argument's words
//! from here, put in by `cli::help`, with clap's own headings replaced.
//! The examples are real commands a clerk types, in both languages.

use crate::domain::Lang;

/// clap's headings and its own arguments, in Vietnamese.
pub const USAGE: &str = "Cách dùng:";
pub const COMMANDS: &str = "Lệnh";
pub const COMMAND: &str = "LỆNH";
pub const OPTIONS: &str = "Tùy chọn";
pub const ARGUMENTS: &str = "Tham số";
pub const HELP: &str = "In trợ giúp này";
pub const VERSION: &str = "In số phiên bản";
pub const HELP_COMMAND: &str = "In trợ giúp của soxa hoặc của một lệnh";

/// What a command does, by its path ("soxa import households").
pub fn about_vi(path: &str) -> Option<&'static str> {
    Some(match path {
        "soxa" => {
            "Sổ xã: sổ theo dõi phong trào “Toàn dân bảo vệ an ninh Tổ quốc” của xã: hộ gia đình và bản cam kết hằng năm, tổ, đội và thành viên, vụ việc hòa giải ở cơ sở."
        }
        "soxa init" => {
            "Tạo thông tin xã cho sổ mới (như lần lưu đầu ở màn hình Cài đặt, kèm danh mục cam kết chuẩn), rồi nhập dữ liệu"
        }
        "soxa demo" => "Tạo một xã mẫu (dữ liệu giả) và mở ra xem",
        "soxa search" => "Tìm hộ, thành viên, tổ, đội và vụ việc; gõ không dấu cũng được (\"nguyen van an\")",
        "soxa check" => "Kiểm tra mọi bản ghi và chỉ mục có khớp nhau không; trả mã 8 nếu có sai lệch",
        "soxa stats" => "Đếm số bản ghi mỗi loại",
        "soxa report" => "Xuất báo cáo của một kỳ ra xlsx, csv, md hoặc json",
        "soxa report book" => {
            "Sổ theo dõi hoạt động hòa giải ở cơ sở của một tổ hòa giải trong một năm, ra tệp xlsx theo mẫu của Bộ Tư pháp"
        }
        "soxa close" => "Chốt số liệu một kỳ sau khi đã gửi báo cáo",
        "soxa reopen" => "Mở lại một kỳ đã chốt, ghi rõ lý do",
        "soxa import" => "Nhập dữ liệu từ bảng tính (.csv hoặc .xlsx)",
        "soxa import households" => {
            "Hộ gia đình và các năm cam kết; mã hộ là khóa nên nhập lại cùng tệp không thay đổi gì"
        }
        "soxa import members" => "Thành viên tổ, đội từ danh sách; tổ, đội phải có sẵn trong sổ",
        "soxa import teams" => "Tổ, đội và thành viên từ danh sách (mỗi thành viên một dòng); tổ, đội chưa có được tạo",
        "soxa export" => "Xuất dữ liệu ra bảng tính mà lệnh nhập đọc lại được (.csv hoặc .xlsx)",
        "soxa export households" => "Mọi hộ gia đình, kèm ngày ký cam kết năm nay",
        "soxa export members" => "Mọi thành viên tổ, đội",
        "soxa import models" => {
            "Mô hình tự phòng, tự quản và kết quả đánh giá hằng năm; mã thôn và tên mô hình là khóa"
        }
        "soxa import assessments" => "Kết quả đánh giá khu dân cư hằng năm; mã thôn và năm là khóa",
        "soxa import outreach" => "Buổi tuyên truyền, mỗi hộ dự một dòng; ngày và chủ đề là khóa",
        "soxa import cases" => {
            "Sổ theo dõi hoạt động hòa giải ở cơ sở; ngày tiếp nhận và bên thứ nhất là khóa, số vụ do sổ cấp"
        }
        "soxa export models" => "Mọi mô hình tự quản, mỗi năm đánh giá một dòng",
        "soxa export assessments" => "Kết quả đánh giá khu dân cư của mọi năm",
        "soxa export outreach" => "Mọi buổi tuyên truyền, mỗi hộ dự một dòng",
        "soxa backup" => "Sao lưu toàn bộ sổ vào một tệp",
        "soxa purge" => {
            "Xóa dữ liệu cá nhân của một người theo yêu cầu (hộ, thành viên, đương sự), hoặc mọi hồ sơ hết hạn lưu giữ (--expired)"
        }
        "soxa request" => "Sổ yêu cầu của người có dữ liệu (xem, sửa, xóa, phản đối) và hạn trả lời",
        "soxa request list" => "Mọi yêu cầu, cũ trước; yêu cầu quá hạn được đánh dấu",
        "soxa request add" => "Ghi một yêu cầu: ai yêu cầu (tên như người đó ghi) và yêu cầu gì",
        "soxa purge household" => "Một hộ, theo mã hộ (T01-0001): họ tên chủ hộ, CCCD, điện thoại, địa chỉ...",
        "soxa purge member" => "Một thành viên, theo số (#12 hoặc 12) hoặc họ tên",
        "soxa purge party" => "Một đương sự của vụ hòa giải: số vụ (12/2026) và thứ tự đương sự (1, 2...)",
        "soxa compact" => {
            "Thu gọn sổ: chép sang một bản mới gọn hơn (sao lưu trước, kiểm tra từng mục) rồi thay vào, trả lại chỗ trống trên đĩa"
        }
        "soxa restore" => "Dựng lại sổ từ tệp sao lưu (vào thư mục mới, hoặc thay sổ cũ với --replace)",
        "soxa recovery-key" => {
            "Tạo khóa khôi phục mới cho các bản sao lưu và in tờ khóa một lần (bản sao lưu làm trước cần khóa cũ)"
        }
        "soxa user" => "Người dùng đăng nhập và vai trò của họ: thêm, liệt kê, xóa, đổi mật khẩu",
        "soxa user add" => {
            "Thêm một người dùng với vai trò; người đầu tiên phải là Quản trị (mật khẩu được hỏi hai lần)"
        }
        "soxa user list" => "Liệt kê người dùng: tên, vai trò, thôn, ngày tạo",
        "soxa user remove" => "Xóa một người dùng (người quản trị cuối cùng được giữ lại)",
        "soxa user passwd" => "Đổi mật khẩu: của chính mình, hoặc của người khác nếu được quản lý người dùng",
        "soxa access-log" => "Ai đã xem hoặc lấy dữ liệu cá nhân, khi nào (nhật ký truy cập), mới nhất trước",
        "soxa undo" => {
            "Hoàn tác thay đổi mới nhất (một lần lưu, xóa hoặc nhập) sau khi hỏi lại; chạy lần nữa để làm lại"
        }
        _ => return None,
    })
}

/// What an argument is, by its command's path and its id.
pub fn arg_vi(path: &str, id: &str) -> Option<&'static str> {
    let command = path.rsplit(' ').next().unwrap_or(path);
    Some(match (command, id) {
        (_, "db") => "Thư mục chứa sổ (mặc định: thư mục dữ liệu của máy, soxa/ledger; hoặc biến SOXA_DB)",
        (_, "user") => "Ai chạy lệnh, trên sổ có người dùng (mật khẩu được hỏi, không hiện chữ; hoặc biến SOXA_USER)",
        (_, "passphrase_stdin") => "Đọc mật khẩu từ đầu vào chuẩn, mỗi dòng một mật khẩu, thay vì hỏi (cho script)",
        (_, "lang") => "Ngôn ngữ: vi (tiếng Việt, mặc định) hoặc en (hoặc biến SOXA_LANG)",
        ("init", "commune") => "Tên xã như ghi trên báo cáo (\"Xã Tân Hòa\")",
        ("init", "province") => "Tỉnh, thành phố (\"Tỉnh Long An\")",
        ("init", "hamlets") => {
            "Danh sách thôn (.csv hoặc .xlsx; cột \"Thôn\" hoặc \"Tên thôn\", có thể thêm \"Mã thôn\")"
        }
        ("init", "approver") => "Người duyệt, ký báo cáo (\"Nguyễn Văn An\")",
        ("init", "approver_title") => "Chức danh người duyệt (\"Chủ tịch UBND xã\")",
        ("init", "preparer") => "Người lập báo cáo",
        ("init", "preparer_title") => "Chức danh người lập (\"Công an xã\")",
        ("demo", "households") => "Số hộ cần tạo (mặc định 8000)",
        ("demo", "seed") => "Hạt giống: cùng hạt giống cho cùng một xã (mặc định 1)",
        ("demo", "no_open") => "Chỉ tạo sổ, không mở giao diện",
        ("demo", "with_operators") => "Tạo thêm mỗi vai trò một người dùng, mật khẩu mẫu in ra một lần",
        ("add", "name") => "Tên người dùng để đăng nhập (\"Lê Thị Hoa\"; gõ không dấu cũng được)",
        ("add", "role") => {
            "Vai trò: admin (Quản trị), police (Công an xã), justice (Tư pháp), hamlet (Trưởng thôn, cần --hamlet) hoặc viewer (Chỉ xem)"
        }
        ("add", "hamlet") => "Thôn của Trưởng thôn, theo mã thôn (T01)",
        ("remove" | "passwd", "name") => "Tên người dùng",
        ("access-log", "output") => "Ghi nhật ký ra tệp .csv này thay vì in ra",
        ("search", "text") => "Từ cần tìm: họ tên, mã, số điện thoại, số vụ việc (12/2026)",
        ("search", "limit") => "Số kết quả in ra nhiều nhất (mặc định 20)",
        ("report", "period") => {
            "Kỳ báo cáo: quý (2026-Q3), 6 tháng (2026-H1), năm (2026) hoặc khoảng ngày (05/01/2026..31/03/2026)"
        }
        ("report", "from") => "Ngày đầu của khoảng ngày (dd/mm/yyyy), đi cùng --to",
        ("report", "to") => "Ngày cuối của khoảng ngày (dd/mm/yyyy), đi cùng --from",
        ("report", "format") => "xlsx, csv, md hoặc json (mặc định: theo đuôi tên tệp, không có thì xlsx)",
        ("report", "output") => {
            "Tệp cần ghi (mặc định: bao-cao-<kỳ>.<đuôi> trong thư mục hiện tại); CSV ghi thêm tệp bên cạnh, mỗi bảng chi tiết một tệp"
        }
        ("report", "include_personal") => {
            "Ghi đầy đủ số CCCD và điện thoại (mặc định được che); tệp được nén và khóa bằng mật khẩu (.zip)"
        }
        ("book", "team") => {
            "Tổ hòa giải: mã thôn của tổ (T01) hoặc tên tổ, có dấu hay không dấu (\"to hoa giai thon dong\")"
        }
        ("book", "year") => "Năm tiếp nhận vụ việc (mặc định: năm nay)",
        ("book", "output") => {
            "Tệp cần ghi, thêm đuôi .zip: sổ được nén và khóa bằng mật khẩu (mặc định: so-hoa-giai-<tổ>-<năm>.xlsx.zip trong thư mục hiện tại)"
        }
        ("report", "force") => "Ghi đè tệp (và các tệp CSV bên cạnh) nếu đã có",
        ("close", "period") => "Kỳ cần chốt: 2026-Q3, 2026-H1, 2026 hoặc 01/07/2026..30/09/2026",
        ("close", "list") => "Liệt kê các kỳ đã chốt thay vì chốt",
        ("close", "early") => "Chốt một kỳ chưa kết thúc (các ngày còn lại cũng bị chốt)",
        ("reopen", "period") => "Kỳ đã chốt cần mở lại, ghi như lúc chốt (2026-Q3...)",
        ("reopen", "reason") => "Lý do mở lại; được lưu trong nhật ký thay đổi",
        ("households" | "members" | "models" | "assessments" | "outreach", "file") if path.contains("export") => {
            "Tệp .csv hoặc .xlsx cần ghi"
        }
        ("households" | "members" | "teams" | "models" | "assessments" | "outreach" | "cases", "file") => {
            "Tệp .csv hoặc .xlsx"
        }
        ("cases", "team") => "Tổ hòa giải giữ sổ: hòa giải viên chưa có trong sổ được thêm vào tổ này",
        ("purge", "expired") => {
            "Xóa dữ liệu cá nhân của mọi hồ sơ hết hạn lưu giữ (hộ chuyển đi, thành viên đã rời tổ, vụ việc đã kết thúc; số năm trong Cài đặt)"
        }
        ("purge", "dry_run") => "Đi cùng --expired: liệt kê các hồ sơ (theo mã), không xóa gì",
        (_, "dry_run") => "In ra những gì sẽ thay đổi; không ghi gì",
        (_, "create_hamlets") => "Tạo các thôn có trong tệp mà sổ chưa có",
        (_, "include_personal") => "Ghi đầy đủ số CCCD; tệp được nén và khóa bằng mật khẩu (.zip)",
        ("households", "year") => "Năm lấy ngày ký cam kết cho cột \"Ngày ký cam kết\" (mặc định: năm nay)",
        ("backup", "file") => "Tệp sao lưu cần ghi (.soxabak), hoặc một thư mục để ghi tệp có ghi ngày",
        ("restore", "file") => "Tệp sao lưu cần khôi phục (.soxabak); sổ được dựng ở --db",
        ("restore", "replace") => "Thay sổ ở --db; sổ cũ được chuyển vào thư mục backups của nó, không bị xóa",
        ("restore", "key_file") => {
            "Tệp chứa khóa khôi phục (tờ khóa khôi phục), cho bản sao lưu được khóa; không có thì soxa hỏi khóa"
        }
        ("recovery-key", "sheet") => "Ghi thêm tờ khóa khôi phục vào tệp văn bản mới này (chỉ chủ máy đọc được) để in",
        (_, "force") => "Ghi đè tệp nếu đã có",
        ("undo", "yes") => "Hoàn tác không hỏi lại (cho script)",
        (_, "yes") => "Xóa không hỏi lại (cho script)",
        ("add", "person") => "Họ tên người yêu cầu, như người đó ghi",
        ("add", "kind") => "Yêu cầu gì: see (xem), correct (sửa), delete (xóa), object (phản đối xử lý)",
        ("add", "received") => "Ngày nhận yêu cầu (dd/mm/yyyy); bỏ trống là hôm nay",
        ("household", "code") => "Mã hộ (T01-0001)",
        ("member", "who") => "Số thành viên (#12 hoặc 12) hoặc họ tên",
        ("party", "case") => "Số vụ việc (12/2026)",
        ("party", "party") => "Thứ tự đương sự trong vụ (1, 2...)",
        _ => return None,
    })
}

/// Commands a clerk types, shown under a command's help.
pub fn examples(lang: Lang, path: &str) -> Option<String> {
    let (head, lines): (&str, &[&str]) = match path {
        "soxa" => (
            "Chuyển sổ sách cũ sang soxa",
            &[
                "soxa init --commune \"Xã Tân Hòa\" --province \"Tỉnh Long An\" --hamlets thon.xlsx",
                "soxa import households ho_gia_dinh.xlsx --create-hamlets --dry-run",
                "soxa import households ho_gia_dinh.xlsx --create-hamlets",
                "soxa report --period 2026-Q3",
                "soxa",
            ],
        ),
        "soxa init" => (
            "",
            &[
                "soxa init --commune \"Xã Tân Hòa\" --province \"Tỉnh Long An\"",
                "soxa init --commune \"Xã Tân Hòa\" --province \"Tỉnh Long An\" --hamlets thon.xlsx --approver \"Nguyễn Văn An\" --approver-title \"Chủ tịch UBND xã\"",
            ],
        ),
        "soxa import households" => (
            "",
            &[
                "soxa import households ho_gia_dinh.xlsx --create-hamlets --dry-run",
                "soxa import households ho_gia_dinh.xlsx --create-hamlets",
            ],
        ),
        "soxa import members" => {
            ("", &["soxa import members thanh_vien.xlsx --dry-run", "soxa import members thanh_vien.xlsx"])
        }
        "soxa import cases" => (
            "",
            &[
                "soxa import cases so_hoa_giai.xlsx --team \"Tổ hòa giải thôn Đông\" --dry-run",
                "soxa import cases so_hoa_giai.xlsx --team \"Tổ hòa giải thôn Đông\"",
            ],
        ),
        "soxa report" => {
            ("", &["soxa report --period 2026-Q3", "soxa report --period 2026 --format xlsx -o bao-cao-2026.xlsx"])
        }
        "soxa report book" => ("", &["soxa report book --team T01 --year 2026 -o so-hoa-giai-T01-2026.xlsx"]),
        "soxa close" => ("", &["soxa close 2026-Q3", "soxa close --list"]),
        "soxa reopen" => ("", &["soxa reopen 2026-Q3 --reason \"Bổ sung hộ mới chuyển đến\""]),
        "soxa export households" => ("", &["soxa export households ho_gia_dinh.xlsx"]),
        "soxa backup" => ("", &["soxa backup E:\\sao-luu"]),
        "soxa search" => ("", &["soxa search nguyen van an", "soxa search 12/2026"]),
        "soxa undo" => ("", &["soxa undo"]),
        "soxa user add" => (
            "",
            &[
                "soxa user add \"Nguyễn Văn An\" --role admin",
                "soxa user add \"Lê Thị Hoa\" --role hamlet --hamlet T01 --user \"Nguyễn Văn An\"",
            ],
        ),
        "soxa access-log" => ("", &["soxa access-log --user \"Nguyễn Văn An\" -o nhat-ky.csv"]),
        _ => return None,
    };
    let title = match (lang, head.is_empty()) {
        (Lang::Vi, true) => "Ví dụ:".to_string(),
        (Lang::En, true) => "Examples:".to_string(),
        (Lang::Vi, false) => format!("Ví dụ ({}):", head.to_lowercase()),
        (Lang::En, false) => "Examples (moving existing records into soxa):".to_string(),
    };
    Some(format!("{title}\n{}", lines.iter().map(|l| format!("  {l}")).collect::<Vec<_>>().join("\n")))
}
