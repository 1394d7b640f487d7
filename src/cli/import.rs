//! `soxa import households|members|teams|models|assessments|outreach|cases FILE`:
//! records (a roster's teams the ledger lacks are created with its members)
//! from a clerk's spreadsheet (.csv in any encoding Excel writes, or .xlsx).
//!
//! The plan (see `crate::import`) is printed first: rows to add, to update,
//! unchanged, and refused with their reasons. `--dry-run` stops there. A
//! real run writes every valid row at once (all or nothing), then puts the
//! refused rows in `<name>-loi.csv` beside the file. Exit code 1 when any
//! row was refused or the import was refused as a whole.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use super::{Context, Failure, outln};
use crate::domain::Lang;
use crate::domain::access::{Action, write_of};
use crate::domain::{EntityKind, Id, Member, Team, TeamKind};
use crate::i18n::number;
use crate::import::words::{self as words, ImportText as W};
use crate::import::{Import, Kind, Plan, Tense};
use crate::store::Store;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand, Debug)]
enum What {
    /// Households (hộ gia đình); the household code (mã hộ) is the key, so
    /// importing the same file again changes nothing.
    Households {
        /// The .csv or .xlsx file.
        file: PathBuf,
        /// Print what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Create the hamlets the file names that the ledger lacks.
        #[arg(long)]
        create_hamlets: bool,
    },
    /// Team members (thành viên tổ, đội) from a roster; teams must exist.
    Members {
        /// The .csv or .xlsx file.
        file: PathBuf,
        /// Print what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Self-management models (mô hình tự quản) and their yearly reviews;
    /// hamlet code and model name are the key.
    Models {
        /// The .csv or .xlsx file.
        file: PathBuf,
        /// Print what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Residential areas' yearly assessments (đánh giá khu dân cư); hamlet
    /// code and year are the key.
    Assessments {
        /// The .csv or .xlsx file.
        file: PathBuf,
        /// Print what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Outreach sessions (buổi tuyên truyền), a row per attending household;
    /// date and topic are the key.
    Outreach {
        /// The .csv or .xlsx file.
        file: PathBuf,
        /// Print what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Teams and their members from a roster (one row per member); teams the ledger lacks are created.
    Teams {
        /// The .csv or .xlsx file.
        file: PathBuf,
        /// Print what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// The mediation book (sổ theo dõi hoạt động hòa giải ở cơ sở); intake
    /// date and first party are the key; the store numbers the cases.
    Cases {
        /// The .csv or .xlsx file.
        file: PathBuf,
        /// Print what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The mediation team whose book it is: mediators not found are added to it.
        #[arg(long, value_name = "TEAM")]
        team: Option<String>,
    },
}

pub fn run(ctx: &mut Context, args: Args) -> Result<(), Failure> {
    let (kind, file, dry_run, create_hamlets) = match &args.what {
        What::Households { file, dry_run, create_hamlets } => {
            (Kind::Households, file.clone(), *dry_run, *create_hamlets)
        }
        What::Members { file, dry_run } | What::Teams { file, dry_run } => {
            (Kind::Members, file.clone(), *dry_run, false)
        }
        What::Models { file, dry_run } => (Kind::Models, file.clone(), *dry_run, false),
        What::Assessments { file, dry_run } => (Kind::Assessments, file.clone(), *dry_run, false),
        What::Outreach { file, dry_run } => (Kind::Outreach, file.clone(), *dry_run, false),
        What::Cases { file, dry_run, .. } => (Kind::Cases, file.clone(), *dry_run, false),
    };
    // Only into a ledger with its commune (`soxa init`): an import never
    // leaves a ledger whose report cannot be made.
    let (store, _) = ctx.open_commune()?;
    let lang = ctx.lang;
    let import = match args.what {
        What::Teams { .. } => Import::prepare_teams(&store, &file),
        What::Cases { team, .. } => Import::prepare_cases(&store, &file, team.as_deref()),
        _ => Import::prepare(&store, &file, kind),
    };
    let import = import.map_err(|e| Failure::Said(words::error(lang, &e)))?;
    // Checked once the file is read (a roster's teams and a session's
    // hamlet are known then) and before anything of it is printed.
    for action in writes(&store, &import, create_hamlets)? {
        ctx.require(action)?;
    }
    let refused = import.rejected().len();
    let missing_hamlets = !create_hamlets && !import.new_hamlets().is_empty();
    if dry_run {
        print_lines(&import.report(&file, lang, Tense::Will));
        if missing_hamlets {
            outln!("{}", W::CreateHamletsHint.get(lang));
        }
        outln!("{}", W::DryRun.get(lang));
        return finish(lang, refused, missing_hamlets);
    }
    let rejects = import.rejects();
    let done = import.report(&file, lang, Tense::Done);
    let mut progress = Progress::new(lang);
    let written = import
        .write(&store, create_hamlets, &mut |n, total| progress.show(n, total))
        .map_err(|e| Failure::Said(words::error(lang, &e)))?;
    progress.end();
    print_lines(&done);
    outln!("{}", if written.group.is_some() { W::Saved.get(lang) } else { W::NothingToWrite.get(lang) });
    let path = rejects.write(&file, lang).map_err(|e| Failure::Said(words::error(lang, &e)))?;
    if let Some(path) = path {
        outln!("{} {}; {}", W::RejectsWritten.get(lang), path.display(), W::RejectsHint.get(lang));
    }
    finish(lang, refused, false)
}

/// The writes an import needs: its kind's (a households import writes
/// their commitments too, which the same roles may), each team kind a
/// roster touches, each session's hamlet, and the settings when it
/// creates hamlets.
fn writes(store: &Store, import: &Import, create_hamlets: bool) -> Result<Vec<Action>, Failure> {
    let mut actions = match import {
        Import::Households(_) => vec![Action::WriteHousehold],
        Import::Members(p) => roster_writes(store, p)?,
        Import::Models(_) => vec![Action::WriteModel],
        Import::Assessments(_) => vec![Action::WriteAssessment],
        Import::Outreach(p) => {
            let sessions = p.creates.iter().chain(&p.updates).map(|o| &o.record.hamlets);
            let one = |h: &Vec<Id>| if let [one] = h.as_slice() { Some(*one) } else { None };
            let mut all: Vec<Action> = sessions.map(|h| write_of(EntityKind::Outreach, one(h), None)).collect();
            all.dedup();
            if all.is_empty() { vec![write_of(EntityKind::Outreach, None, None)] } else { all }
        }
        Import::Cases(p) if p.new_members.is_empty() => vec![Action::WriteCase],
        Import::Cases(_) => vec![Action::WriteCase, Action::WriteTeam { kind: TeamKind::Mediation }],
    };
    if create_hamlets && !import.new_hamlets().is_empty() {
        actions.push(Action::WriteSettings);
    }
    Ok(actions)
}

/// The kinds of the teams a roster writes members of or creates.
fn roster_writes(store: &Store, plan: &Plan<Member>) -> Result<Vec<Action>, Failure> {
    let mut kinds: Vec<TeamKind> = plan.new_teams.iter().map(|t| t.kind).collect();
    for planned in plan.creates.iter().chain(&plan.updates) {
        if let Some(team) = store.get::<Team>(planned.record.team)? {
            kinds.push(team.kind);
        }
    }
    kinds.sort();
    kinds.dedup();
    if kinds.is_empty() {
        return Ok(vec![write_of(EntityKind::Member, None, None)]);
    }
    Ok(kinds.into_iter().map(|kind| Action::WriteTeam { kind }).collect())
}

fn print_lines(lines: &[String]) {
    for line in lines {
        outln!("{line}");
    }
}

/// Exit 1, with one sentence, when rows were refused or hamlets missing.
fn finish(lang: Lang, refused: usize, missing_hamlets: bool) -> Result<(), Failure> {
    if refused > 0 {
        return Err(Failure::Said(words::refused_summary(lang, refused)));
    }
    if missing_hamlets {
        return Err(Failure::Said(W::CreateHamletsHint.get(lang).to_string()));
    }
    Ok(())
}

/// "Đang ghi 12.500/100.000" on stderr: rewritten in place on a terminal,
/// a line per tenth of the way otherwise (logs stay short).
struct Progress {
    lang: Lang,
    terminal: bool,
    tenths: usize,
    shown: bool,
}

impl Progress {
    fn new(lang: Lang) -> Progress {
        Progress { lang, terminal: std::io::stderr().is_terminal(), tenths: 0, shown: false }
    }

    fn show(&mut self, done: usize, total: usize) {
        let text = format!("{} {}/{}", W::Writing.get(self.lang), number(self.lang, done), number(self.lang, total));
        let mut err = std::io::stderr().lock();
        if self.terminal {
            let _ = write!(err, "\r{text}");
            self.shown = true;
        } else if done * 10 / total.max(1) > self.tenths {
            self.tenths = done * 10 / total.max(1);
            let _ = writeln!(err, "{text}");
        }
    }

    /// Ends the line rewritten in place.
    fn end(&self) {
        if self.shown {
            let _ = writeln!(std::io::stderr().lock());
        }
    }
}
