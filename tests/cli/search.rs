//! `soxa search` answers from one pass over the lookup's texts, without
//! building the index: it prints the hits the index finds, in its order.

use soxa::domain::Lang;
use soxa::lookup::Describe;
use soxa::store::{OpenOptions, Store};

use crate::common::{demo_at, soxa, stdout};

#[test]
fn soxa_search_prints_the_hits_of_the_index_in_its_order() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("demo");
    demo_at(&db, 300, 7);
    let db_arg = db.to_str().unwrap();
    let queries = ["nguyen van an", "nguyen", "an", "0912", "t01-00", "thi h", "khong co ai"];
    let printed: Vec<Vec<String>> = queries
        .iter()
        .map(|q| {
            let out = soxa(&["search", q, "--limit", "50", "--lang", "vi", "--db", db_arg]);
            assert!(out.status.success(), "{q}");
            stdout(&out).lines().map(str::to_string).collect()
        })
        .collect();

    let store = Store::open(&db, &OpenOptions { create: false, ..OpenOptions::default() }).unwrap();
    let describe = Describe::new(&store, Lang::Vi).unwrap();
    for (q, lines) in queries.iter().zip(printed) {
        let hits = store.search(q, 50).unwrap();
        if hits.is_empty() {
            assert_eq!(lines, vec!["Không tìm thấy kết quả nào.".to_string()], "{q}");
            continue;
        }
        assert_eq!(lines.len(), hits.len(), "{q}: one line a hit:\n{}", lines.join("\n"));
        for (line, hit) in lines.iter().zip(&hits) {
            let row = describe.row(hit).unwrap().unwrap();
            let cells = [row.title.as_str(), row.hamlet.as_str(), row.status.as_str()];
            assert!(cells.iter().all(|c| line.contains(c)), "{q}: {line:?} is not {cells:?}");
        }
    }
}
