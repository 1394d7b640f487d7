//! Writes the sample mediation book `data/samples/so_hoa_giai.xlsx` again
//! from its rows (`tests/import_files/book.rs`), after they change:
//! `cargo run --example write-sample-book`. The test
//! `the_sample_mediation_book_is_what_the_generator_writes` fails until the
//! committed file matches. Was an ignored test until issue 19: a tool that
//! writes a file is not a test.

// The writer is the tests' own (which unwrap freely), so the file they
// compare with is made by the very same code.
#[allow(clippy::unwrap_used)]
#[path = "../tests/import_files/book.rs"]
mod book;

fn main() {
    let path = book::sample_book();
    book::write_book(&path, book::BOOK);
    println!("{}", path.display());
}
