//! Issue 17 item 6: no input file can take more than a bounded amount of
//! memory. Workbooks with far cells (one or many, in the last row, the last
//! column or both), a rectangle over the cell limit, a 3 MB value, one 1 MB
//! shared string named by 197 cells (copies multiply), a huge declared
//! `<dimension>`, a zip bomb in the shared strings; CSV files with a huge
//! line, too many cells, over the size limit; old .xls / .ods workbooks.
//! Each is refused with one sentence by the real binary (`import ...
//! --dry-run`) and from the interface's import screen, and the binary's
//! peak memory (`/usr/bin/time -f %M`) stays under [`PEAK_MB`].

use std::io::Write;
use std::path::{Path, PathBuf};

use rand::{Rng, SeedableRng};
use soxa::domain::Lang;
use soxa::tui::Overlay;

use crate::common::tui::Tui;
use crate::common::{make_db, soxa_cmd, stderr, stdout};

/// The largest peak resident memory any of these files may cost the real
/// binary (a debug build; the limits allow for a 2 GB PC).
const PEAK_MB: u64 = 250;

pub const HEADER: &str = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Mã hộ</t></is></c><c r="B1" t="inlineStr"><is><t>Họ tên chủ hộ</t></is></c><c r="C1" t="inlineStr"><is><t>Thôn</t></is></c><c r="D1" t="inlineStr"><is><t>Số khẩu</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>T01-0001</t></is></c><c r="B2" t="inlineStr"><is><t>Trần Văn An</t></is></c><c r="C2" t="inlineStr"><is><t>T01</t></is></c><c r="D2"><v>4</v></c></row>"#;

/// A minimal .xlsx: one sheet whose `<sheetData>` is `rows`, with
/// `dimension` declared, and `shared` as the shared strings part.
pub fn xlsx(path: &Path, dimension: &str, rows: &str, shared: Option<&[u8]>) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut part = |name: &str, body: &[u8]| {
        zip.start_file(name, opts).unwrap();
        zip.write_all(body).unwrap();
    };
    let shared_type = r#"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#;
    part(
        "[Content_Types].xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>{}</Types>"#,
            if shared.is_some() { shared_type } else { "" }
        )
        .as_bytes(),
    );
    part("_rels/.rels", br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#);
    part("xl/workbook.xml", br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh sach" sheetId="1" r:id="rId1"/></sheets></workbook>"#);
    part("xl/_rels/workbook.xml.rels", br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#);
    part(
        "xl/worksheets/sheet1.xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>"#
        )
        .as_bytes(),
    );
    if let Some(shared) = shared {
        zip.start_file("xl/sharedStrings.xml", opts).unwrap();
        zip.write_all(shared).unwrap();
    }
    zip.finish().unwrap();
}

pub fn far(cell: &str) -> String {
    format!(
        r#"<row r="{}"><c r="{cell}"><v>1</v></c></row>"#,
        cell.trim_start_matches(|c: char| c.is_ascii_alphabetic())
    )
}

/// Column letters of a column counted from 0.
fn letters(mut c: u32) -> String {
    let mut out = Vec::new();
    c += 1;
    while c > 0 {
        out.push(char::from(b'A' + ((c - 1) % 26) as u8));
        c = (c - 1) / 26;
    }
    out.iter().rev().collect()
}

/// `n` cells at seeded random places, each beyond the row limit or the
/// column limit, in row order as Excel writes them.
fn sparse_far(seed: u64, n: usize) -> String {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut cells: Vec<(u32, u32)> = (0..n)
        .map(|_| {
            if rng.random_bool(0.5) {
                (rng.random_range(100_002..=1_048_576), rng.random_range(0..16_384))
            } else {
                (rng.random_range(3..=1_048_576), rng.random_range(256..16_384))
            }
        })
        .collect();
    cells.sort();
    cells.dedup_by_key(|c| c.0);
    cells.iter().map(|(r, c)| format!(r#"<row r="{r}"><c r="{}{r}"><v>7</v></c></row>"#, letters(*c))).collect()
}

/// Shared strings that inflate to `mb` MB from a few hundred KB.
fn shared_bomb(mb: usize) -> Vec<u8> {
    let one = format!("<si><t>{}</t></si>", "a".repeat(1000));
    let n = mb * 1024 * 1024 / one.len();
    let mut out = format!(r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{n}" uniqueCount="{n}">"#).into_bytes();
    out.reserve(mb * 1024 * 1024 + 100);
    for _ in 0..n {
        out.extend_from_slice(one.as_bytes());
    }
    out.extend_from_slice(b"</sst>");
    out
}

/// Runs `soxa import households FILE --dry-run` under `/usr/bin/time`
/// (when there is one): (exit code, stdout, stderr, peak MB).
fn dry_run(db: &Path, file: &Path) -> (Option<i32>, String, String, Option<u64>) {
    let args = [
        "--db",
        db.to_str().unwrap(),
        "--lang",
        "en",
        "import",
        "households",
        file.to_str().unwrap(),
        "--dry-run",
        "--create-hamlets",
    ];
    let timed = Path::new("/usr/bin/time").exists();
    let out = if timed {
        let mut cmd = std::process::Command::new("/usr/bin/time");
        cmd.arg("-f").arg("PEAK_KB=%M").arg(env!("CARGO_BIN_EXE_soxa")).args(args);
        cmd.env_remove("SOXA_DB").env_remove("SOXA_LANG").stdin(std::process::Stdio::null());
        cmd.output().unwrap()
    } else {
        soxa_cmd(&args).output().unwrap()
    };
    let mut err = stderr(&out);
    let mut peak = None;
    if let Some(at) = err.rfind("PEAK_KB=") {
        peak = err[at + 8..].trim().parse::<u64>().ok().map(|kb| kb / 1024);
        err.truncate(at);
    }
    assert!(!timed || peak.is_some(), "GNU time gave no peak for {}: {err}", file.display());
    // GNU time adds a line when the command fails.
    let err = err.lines().filter(|l| !l.starts_with("Command exited with")).collect::<Vec<_>>().join("\n");
    (out.status.code(), stdout(&out), err, peak)
}

/// (file name, builder, words the one sentence must hold)
type Case = (&'static str, Box<dyn Fn(&Path)>, &'static str);

fn refused_cases() -> Vec<Case> {
    let xlsx_case = |dimension: &'static str, rows: String| -> Box<dyn Fn(&Path)> {
        Box::new(move |p: &Path| xlsx(p, dimension, &rows, None))
    };
    vec![
        ("xfd1048576.xlsx", xlsx_case("A1", far("XFD1048576")), "has data in cell XFD1048576"),
        ("a1048576.xlsx", xlsx_case("A1:D2", format!("{HEADER}{}", far("A1048576"))), "has data in cell A1048576"),
        (
            "xfd1.xlsx",
            xlsx_case("A1:D2", r#"<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>1</v></c></row>"#.into()),
            "has data in cell XFD1",
        ),
        ("iv100001.xlsx", xlsx_case("A1:D2", format!("{HEADER}{}", far("IW100001"))), "has data in cell IW100001"),
        ("sparse-far.xlsx", xlsx_case("A1:D2", format!("{HEADER}{}", sparse_far(17, 300))), "has data in cell"),
        (
            "rectangle.xlsx",
            xlsx_case("A1:D2", format!("{HEADER}{}{}", far("IV3"), far("A99999"))),
            "99,999 rows × 256 columns",
        ),
        ("dimension.xlsx", xlsx_case("A1:XFD1048576", format!("{HEADER}{}", far("XFD1048576"))), "XFD1048576"),
        (
            "shared-bomb.xlsx",
            Box::new(|p: &Path| xlsx(p, "A1", HEADER, Some(&shared_bomb(120)))),
            "its part xl/sharedStrings.xml unpacks to over 48 MB",
        ),
        (
            "long-value.xlsx",
            xlsx_case(
                "A1:D2",
                format!(
                    r#"{HEADER}<row r="3"><c r="B3" t="inlineStr"><is><t>{}</t></is></c></row>"#,
                    "a".repeat(3 << 20)
                ),
            ),
            "holds a value over 1 MB",
        ),
        (
            "shared-copies.xlsx",
            Box::new(|p: &Path| {
                let shared = format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>{}</t></si></sst>"#,
                    "b".repeat(1000 * 1024)
                );
                let named: String =
                    (3..200).map(|r| format!(r#"<row r="{r}"><c r="E{r}" t="s"><v>0</v></c></row>"#)).collect();
                xlsx(p, "A1", &format!("{HEADER}{named}"), Some(shared.as_bytes()))
            }),
            "its cells hold over 128 MB of text",
        ),
        (
            "long-line.csv",
            Box::new(|p: &Path| {
                std::fs::write(
                    p,
                    format!("Mã hộ,Họ tên chủ hộ,Thôn,Số khẩu\nT01-0001,{},T01,4\n", "x".repeat(3_000_000)),
                )
                .unwrap()
            }),
            "has an over-long row at line 2",
        ),
        (
            "open-quote.csv",
            Box::new(|p: &Path| {
                let mut s = String::from("Mã hộ,Họ tên chủ hộ,Thôn,Số khẩu\nT01-0001,\"An,T01,4\n");
                s.push_str(&"T01-0002,Bình,T01,4\n".repeat(20_000));
                std::fs::write(p, s).unwrap()
            }),
            "has an over-long row at line 2",
        ),
        (
            "many-cells.csv",
            Box::new(|p: &Path| {
                let mut s = String::from("Mã hộ,Họ tên chủ hộ,Thôn,Số khẩu\n");
                s.push_str(&format!("{}\n", ",".repeat(60_000)).repeat(60));
                std::fs::write(p, s).unwrap()
            }),
            "columns, and soxa accepts at most 100,000 rows, 256 columns and 3,000,000 cells a sheet",
        ),
        (
            "huge.csv",
            Box::new(|p: &Path| {
                let f = std::fs::File::create(p).unwrap();
                f.set_len(65 * 1024 * 1024).unwrap();
            }),
            "is too large to import (65 MB; soxa accepts files up to 64 MB)",
        ),
        ("old.xls", Box::new(|p: &Path| std::fs::write(p, b"\xD0\xCF\x11\xE0").unwrap()), "does not read old"),
        ("sheet.ods", Box::new(|p: &Path| std::fs::write(p, b"PK\x03\x04").unwrap()), "does not read old"),
    ]
}

fn files(dir: &Path) -> Vec<(PathBuf, &'static str)> {
    refused_cases()
        .into_iter()
        .map(|(name, build, said)| {
            let path = dir.join(name);
            build(&path);
            (path, said)
        })
        .collect()
}

#[test]
fn far_cells_bombs_and_huge_lines_are_refused_with_one_sentence_in_bounded_memory() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("db");
    make_db(&dir);
    let files_dir = tempfile::tempdir().unwrap();
    let mut peaks = Vec::new();
    for (path, said) in files(files_dir.path()) {
        let size = std::fs::metadata(&path).unwrap().len();
        let (code, out, err, peak) = dry_run(&dir, &path);
        assert_ne!(code, Some(0), "{}: {out}", path.display());
        assert!(code.is_some(), "{}: killed by a signal (abort?): {err}", path.display());
        assert!(err.contains(said), "{}: {err}", path.display());
        assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
        match peak {
            Some(mb) => assert!(mb < PEAK_MB, "{}: peak {mb} MB", path.display()),
            None => crate::common::skip_outside_ci("/usr/bin/time (GNU time) to bound the peak memory"),
        }
        peaks.push(format!("{} ({size} B): {peak:?} MB", path.file_name().unwrap().to_string_lossy()));
    }
    eprintln!("peak memory of `import --dry-run`: {}", peaks.join("; "));
}

/// What is not data is no reason to refuse: a styled empty cell at
/// XFD1048576 and a declared `<dimension>` of the whole sheet.
#[test]
fn empty_far_cells_and_a_huge_declared_dimension_are_ignored() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("db");
    make_db(&dir);
    let files_dir = tempfile::tempdir().unwrap();
    for (name, dimension, rows) in [
        ("dimension-only.xlsx", "A1:XFD1048576", HEADER.to_string()),
        ("styled-empty.xlsx", "A1:XFD1048576", format!(r#"{HEADER}<row r="1048576"><c r="XFD1048576" s="0"/></row>"#)),
        (
            "empty-string.xlsx",
            "A1:D2",
            format!(r#"{HEADER}<row r="500000"><c r="XFD500000" t="inlineStr"><is><t></t></is></c></row>"#),
        ),
    ] {
        let path = files_dir.path().join(name);
        xlsx(&path, dimension, &rows, None);
        let (code, out, err, peak) = dry_run(&dir, &path);
        assert_eq!(code, Some(0), "{name}: {err}");
        assert!(out.contains("To add") && out.contains("1"), "{name}: {out}");
        match peak {
            Some(mb) => assert!(mb < PEAK_MB, "{name}: peak {mb} MB"),
            None => crate::common::skip_outside_ci("/usr/bin/time (GNU time) to bound the peak memory"),
        }
    }
}

/// The interface's import screen says the same sentence, and stays usable.
#[test]
fn the_import_screen_says_the_same_sentence() {
    let files_dir = tempfile::tempdir().unwrap();
    let mut tui = Tui::at(Lang::En, 120, 30);
    for (path, said) in files(files_dir.path()) {
        tui.press(&format!("2i<c-u>{}<enter>", path.display()));
        let screen = tui.text(200, 40);
        let flat: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
        let short = said.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&short), "{}: {screen}", path.display());
        tui.press("<esc><esc>");
        assert!(matches!(tui.app.overlay, Overlay::None), "{}", path.display());
    }
}
