//! Privacy: `soxa purge` erases a person's personal data from records,
//! indexes, the search tree, every old version in the audit log and new
//! backups (`purge`), and ID and phone numbers are masked outside detail
//! views (`masking`).

mod disk;
mod masking;
mod purge;
mod retention;
