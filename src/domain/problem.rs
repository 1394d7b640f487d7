//! What can be wrong with a field, as data. The words for each problem live in
//! `i18n.rs`; here there are only keys, so the domain never speaks a language.

/// Every field a form or an import row can name in an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Field {
    // Commune and settings
    CommuneName,
    Province,
    SignerName,
    SignerTitle,
    Operator,
    TeamMinMembers,
    OverdueDays,
    CoverageTarget,
    CatalogItem,
    // Hamlet
    HamletCode,
    HamletName,
    // Household
    HouseholdCode,
    Hamlet,
    HeadName,
    HeadBirthYear,
    NationalId,
    Address,
    MemberCount,
    Phone,
    LivingSince,
    MovedOut,
    Notes,
    // Commitment
    Household,
    Year,
    CommitmentDate,
    Reason,
    Representative,
    Witness,
    Items,
    ViolationDate,
    ViolationDescription,
    // Team and member
    TeamName,
    Established,
    Dissolved,
    Team,
    FullName,
    BirthDate,
    DecisionNumber,
    DecisionDate,
    Joined,
    Left,
    LeftReason,
    TrainingDate,
    TrainingCourse,
    RatingYear,
    Gender,
    Role,
    TeamKind,
    /// Whether a training was passed.
    Passed,
    // Mediation case
    CaseNumber,
    Received,
    Parties,
    PartyName,
    PartyAge,
    PartyAddress,
    Content,
    Mediators,
    Assigned,
    Started,
    Closed,
    Agreement,
    FollowUpDate,
    FollowUpNote,
    Status,
    /// How a case arrived (a party asked, a mediator saw it, referred).
    Source,
    Category,
    /// Persons invited to a mediation, by name.
    Invited,
    /// Whether the agreement was kept, at the follow-up.
    FollowUpKept,
    // Plan settings
    /// A target of the plan (a percentage, a count).
    PlanTarget,
    /// A report's due day (dd/mm).
    DueDate,
    // Self-management model
    ModelName,
    ModelKind,
    ModelStarted,
    ReviewYear,
    ReviewDate,
    ReviewReason,
    Verdict,
    // Area assessment
    Registered,
    Criteria,
    AreaResult,
    Classification,
    // Outreach session
    OutreachDate,
    Topic,
    Speaker,
    Attending,
    HeadCount,
    // Operators and privacy settings
    OperatorName,
    OperatorRole,
    Passphrase,
    IdleLockMinutes,
    RetentionMovedOut,
    RetentionLeftMember,
    RetentionClosedCase,
    // Data subjects' requests
    RequestReceived,
    RequestPerson,
    RequestKind,
    AcknowledgeBy,
    ActBy,
    RequestStatus,
    Answer,
    Answered,
}

/// Why a field's value was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    BadDate,
    DateInFuture,
    DateTooEarly,
    /// Must be on or after the date in the named field.
    BeforeDate(Field),
    /// Must be on or before the date in the named field.
    AfterDate(Field),
    /// An assignment names its mediator.
    NeedsMediator,
    /// A step of a case dated before the step before it.
    StepOutOfOrder,
    /// Day and month typed right, but that month has no such day
    /// (31/02/2026): the month's last day is `last`.
    NoSuchDay {
        day: u32,
        month: u32,
        year: i32,
        last: u32,
    },
    NotANumber,
    OutOfRange {
        min: i64,
        max: i64,
    },
    NationalIdDigits,
    PhoneFormat,
    TooFewParties {
        min: usize,
    },
    /// Only for some statuses (a reason for a refusal, a closing date).
    NotAllowedForStatus,
    /// Already used by another record (a household code, a case number).
    Duplicate,
    /// Points to a record that does not exist (a hamlet, a team).
    UnknownReference,
    /// Violations are recorded only against a signed commitment.
    ViolationNeedsSigned,
    /// This status change is not a step of the mediation log.
    BadTransition,
    /// Not a reporting period ("2026-Q3", "2026-H1", "2026", a range of days).
    BadPeriod,
    /// A range of days that ends before it starts.
    PeriodOrder,
    /// Fewer characters than the rule asks (a passphrase).
    TooShort {
        min: usize,
    },
    /// The second typing differs from the first (a passphrase).
    Mismatch,
}

/// One refused field; `row` numbers an item of a list field (a party, a
/// training, a violation), from 1 as the clerk counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub row: Option<usize>,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: Field, problem: Problem) -> Self {
        FieldError { field, row: None, problem }
    }

    pub fn in_row(field: Field, row: usize, problem: Problem) -> Self {
        FieldError { field, row: Some(row), problem }
    }
}

/// Collects the problems of one record, so validation reports every field at
/// once instead of stopping at the first.
#[derive(Default, Debug)]
pub struct Errors(pub Vec<FieldError>);

impl Errors {
    pub fn push(&mut self, field: Field, problem: Problem) {
        self.0.push(FieldError::new(field, problem));
    }

    pub fn push_row(&mut self, field: Field, row: usize, problem: Problem) {
        self.0.push(FieldError::in_row(field, row, problem));
    }

    pub fn check(&mut self, field: Field, problem: Option<Problem>) {
        if let Some(p) = problem {
            self.push(field, p);
        }
    }

    pub fn into_result(self) -> Result<(), Vec<FieldError>> {
        if self.0.is_empty() { Ok(()) } else { Err(self.0) }
    }
}
