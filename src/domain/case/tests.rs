use super::*;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn party(name: &str) -> Party {
    Party { name: name.into(), age: Some(40), address: String::new(), household: None }
}

fn case() -> MediationCase {
    let mut c = MediationCase::new(ymd(2026, 9, 1), 1, CaseCategory::Civil, vec![party("A"), party("B")]);
    c.content = "Tranh chấp ranh giới đất".into();
    c
}

#[test]
fn a_case_walks_the_log_book() {
    let mut c = case();
    assert_eq!(c.validate(ymd(2026, 11, 23)), Ok(()));
    c.move_to(CaseStatus::InProgress, ymd(2026, 9, 3), "Họp lần 1").unwrap();
    assert_eq!(c.started, Some(ymd(2026, 9, 3)));
    c.move_to(CaseStatus::Successful, ymd(2026, 9, 10), "").unwrap();
    assert_eq!(c.closed, Some(ymd(2026, 9, 10)));
    assert_eq!(c.history.len(), 2);
    assert_eq!(c.validate(ymd(2026, 11, 23)), Ok(()));
    assert_eq!(c.move_to(CaseStatus::Unsuccessful, ymd(2026, 9, 11), ""), Err(Problem::BadTransition));
    c.move_to(CaseStatus::InProgress, ymd(2026, 10, 1), "Bên B không thực hiện").unwrap();
    assert_eq!(c.closed, None);
}

#[test]
fn a_case_closed_before_it_was_received_is_refused() {
    let mut c = case();
    c.status = CaseStatus::Successful;
    c.closed = Some(ymd(2026, 8, 1));
    let errs = c.validate(ymd(2026, 11, 23)).unwrap_err();
    assert_eq!(errs, vec![FieldError::new(Field::Closed, Problem::BeforeDate(Field::Received))]);
}

#[test]
fn an_assignment_needs_a_mediator() {
    let mut c = case();
    c.assigned = Some(ymd(2026, 9, 1));
    let errs = c.validate(ymd(2026, 11, 23)).unwrap_err();
    assert_eq!(errs, vec![FieldError::new(Field::Assigned, Problem::NeedsMediator)]);
    c.mediators = vec![7];
    assert_eq!(c.validate(ymd(2026, 11, 23)), Ok(()));
}

#[test]
fn the_dates_of_a_case_keep_the_log_book_order() {
    let today = ymd(2026, 11, 23);
    let mut c = case();
    c.mediators = vec![7];
    // Before intake, each refused on its own field.
    c.assigned = Some(ymd(2026, 8, 31));
    c.started = Some(ymd(2026, 8, 31));
    let errs = c.validate(today).unwrap_err();
    assert!(errs.contains(&FieldError::new(Field::Assigned, Problem::BeforeDate(Field::Received))));
    assert!(errs.contains(&FieldError::new(Field::Started, Problem::BeforeDate(Field::Received))));
    // All on the day of intake: allowed, closing included.
    c.assigned = Some(ymd(2026, 9, 1));
    c.started = None;
    c.move_to(CaseStatus::InProgress, ymd(2026, 9, 1), "").unwrap();
    c.move_to(CaseStatus::Successful, ymd(2026, 9, 1), "").unwrap();
    c.follow_up = Some(FollowUp { due: ymd(2026, 9, 1), kept: None, note: String::new() });
    assert_eq!(c.validate(today), Ok(()));
    // Assigned after the closing; a session after it; a follow-up before it.
    c.assigned = Some(ymd(2026, 9, 2));
    c.started = Some(ymd(2026, 9, 2));
    c.follow_up = Some(FollowUp { due: ymd(2026, 8, 31), kept: None, note: String::new() });
    let errs = c.validate(today).unwrap_err();
    assert_eq!(
        errs,
        vec![
            FieldError::new(Field::Assigned, Problem::AfterDate(Field::Closed)),
            FieldError::new(Field::Started, Problem::AfterDate(Field::Closed)),
            FieldError::new(Field::FollowUpDate, Problem::BeforeDate(Field::Closed)),
        ]
    );
}

#[test]
fn a_step_is_not_dated_before_the_one_before_it() {
    let mut c = case();
    c.move_to(CaseStatus::InProgress, ymd(2026, 9, 10), "").unwrap();
    c.move_to(CaseStatus::Withdrawn, ymd(2026, 9, 5), "").unwrap();
    let errs = c.validate(ymd(2026, 11, 23)).unwrap_err();
    assert!(errs.contains(&FieldError::in_row(Field::Status, 2, Problem::StepOutOfOrder)), "{errs:?}");
    assert!(errs.contains(&FieldError::new(Field::Started, Problem::AfterDate(Field::Closed))), "{errs:?}");
}

#[test]
fn a_step_date_is_checked_before_the_step_is_taken() {
    let mut c = case();
    c.mediators = vec![7];
    c.assigned = Some(ymd(2026, 9, 3));
    let step = |c: &MediationCase, next, d| c.step_date_problem(next, d);
    assert_eq!(
        step(&c, CaseStatus::InProgress, ymd(2026, 8, 31)),
        Some((Field::Closed, Problem::BeforeDate(Field::Received)))
    );
    assert_eq!(step(&c, CaseStatus::InProgress, ymd(2026, 9, 1)), None, "on the day of intake");
    assert_eq!(
        step(&c, CaseStatus::Successful, ymd(2026, 9, 2)),
        Some((Field::Closed, Problem::BeforeDate(Field::Assigned)))
    );
    assert_eq!(step(&c, CaseStatus::Successful, ymd(2026, 9, 3)), None, "on the day of assignment");
    c.move_to(CaseStatus::InProgress, ymd(2026, 9, 5), "").unwrap();
    assert_eq!(step(&c, CaseStatus::Successful, ymd(2026, 9, 4)), Some((Field::Closed, Problem::StepOutOfOrder)));
    assert_eq!(step(&c, CaseStatus::Successful, ymd(2026, 9, 5)), None);
}

#[test]
fn a_closed_case_needs_its_date() {
    let mut c = case();
    c.status = CaseStatus::Withdrawn;
    let errs = c.validate(ymd(2026, 11, 23)).unwrap_err();
    assert_eq!(errs, vec![FieldError::new(Field::Closed, Problem::Required)]);
}

#[test]
fn parties_are_counted_and_named_by_row() {
    let mut c = case();
    c.parties = vec![party(" ")];
    c.normalize();
    let errs = c.validate(ymd(2026, 11, 23)).unwrap_err();
    assert_eq!(errs[0], FieldError::new(Field::Parties, Problem::TooFewParties { min: 2 }));
    assert_eq!(errs[1], FieldError::in_row(Field::PartyName, 1, Problem::Required));
}

#[test]
fn case_numbers_read_as_in_the_log_book() {
    let mut c = case();
    c.seq = 12;
    assert_eq!(c.number(), "12/2026");
}

#[test]
fn a_case_is_in_the_book_of_the_team_of_most_of_its_mediators() {
    let mut c = case();
    let team_of = |m: Id| match m {
        1 | 2 => Some(20),
        3 => Some(10),
        _ => None,
    };
    assert_eq!(c.book_team(team_of, Some(99)), Some(99), "no mediator yet: the hamlet's team");
    c.mediators = vec![3, 1, 2];
    assert_eq!(c.book_team(team_of, Some(99)), Some(20));
    c.mediators = vec![3, 1];
    assert_eq!(c.book_team(team_of, Some(99)), Some(10), "a tie goes to the lower team id");
    c.mediators = vec![7];
    assert_eq!(c.book_team(team_of, None), None, "a mediator no longer known, no hamlet team");
}
