//! All-or-nothing import of iCalendar files (RFC 5545) as Google Calendar, Outlook, Thunderbird
//! or Apple Calendar export them — from the web form (`/spaces/{slug}/calendar/import`) and
//! from `cospace import calendar FILE --space SLUG --organization ID`.
//!
//! What is read, and how, is the pure reader's ([`cospace_core::calendar::ics_reader`],
//! re-exported here).
//!
//! # All or nothing
//!
//! [`parse`] reads the whole file and validates every event, reporting every problem.
//! [`check`] then asks the database what only it knows: which UIDs exist. Only a file without a
//! single problem is written, by [`write`], in one transaction with one activity-log entry.
//!
//! # Importing the same file again
//!
//! UIDs are kept, so calendar programs recognise the events in our feeds. An event whose UID
//! already exists in the same space is updated from the file (its SEQUENCE goes up, its
//! excluded dates and changed occurrences are replaced, its organisers are kept and the
//! importing organisation added): importing a file again, or a newer export of the same
//! calendar, never duplicates. A UID used by an event of another space is a problem of the
//! file, as is updating an event the importer may not edit. An event without a UID gets one
//! derived from its calendar's PRODID, its DTSTART, SUMMARY and RRULE, so it too is found
//! again rather than duplicated.

use crate::permissions::{self, Action};
use crate::service::{self, allows};
use crate::store::{self, EventValues};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
pub use cospace_core::calendar::ics_reader::{
    bad_events, parse, summary, EventError, Options, Plan, PlannedEvent, MAX_ERRORS, MAX_EVENTS,
    MAX_EXDATES, MAX_FILE_BYTES,
};
use cospace_core::calendar::recurrence::Series;
use cospace_core::calendar::time::Zone;
use cospace_core::permissions::Role;
use cospace_core::space::Visibility;
use cospace_core::{FieldError, Invalid, SpaceId, UserId};
use cospace_store::activity::{self, Activity};
use cospace_store::ids::TextList;
use cospace_store::{in_ids, with_db, with_tx, Db, StoreError, Tx};
use cospace_web::error::PageError;
use cospace_web::kit::FormData;
use cospace_web::kit::SpaceHeader;
use cospace_web::pages::{redirect_with_flash, render_form, FormErrors, Page};
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;
use std::collections::{HashMap, HashSet};

// ---------------------------------------------------------------------------------------------
// What the database knows

/// Who imports: the system (the command line) or a person with their role in the space.
#[derive(Debug, Clone, Copy)]
pub enum Importer {
    System,
    Person {
        user: UserId,
        role: Role,
        visibility: Visibility,
    },
}

impl Importer {
    fn user(self) -> Option<UserId> {
        match self {
            Importer::System => None,
            Importer::Person { user, .. } => Some(user),
        }
    }
}

/// An event of the file that exists already (by UID) and will be updated.
#[derive(Debug, Clone, sqlx::FromRow)]
struct Existing {
    id: i64,
    uid: String,
    space_id: i64,
    created_by: Option<i64>,
}

/// A plan whose UIDs were looked up: the events to update, by UID.
#[derive(Debug)]
pub struct Checked {
    plan: Plan,
    existing: HashMap<String, i64>,
}

impl Checked {
    /// How many events will be created and how many updated.
    pub fn counts(&self) -> (usize, usize) {
        let updated = self.existing.len();
        (self.plan.events.len() - updated, updated)
    }
}

async fn existing_events(db: &Db, uids: &[String]) -> Result<Vec<Existing>, StoreError> {
    let sql = format!(
        "SELECT id, uid, space_id, created_by FROM calendar_events WHERE uid {}",
        in_ids(db.backend(), 1)
    );
    let mut found = Vec::new();
    for chunk in uids.chunks(5_000) {
        let uids = TextList::new(chunk.iter().map(String::as_str));
        let rows: Vec<Existing> = with_db!(db, |pool| sqlx::query_as::<_, Existing>(&sql)
            .bind(uids.clone())
            .fetch_all(pool)
            .await)?;
        found.extend(rows);
    }
    Ok(found)
}

/// Looks the plan's UIDs up: an event of this space is updated (when the importer may edit
/// it); a UID of another space's event is a problem.
pub async fn check(
    db: &Db,
    space: SpaceId,
    importer: Importer,
    plan: Plan,
) -> Result<Result<Checked, Vec<EventError>>, StoreError> {
    let uids: Vec<String> = plan.events.iter().map(|e| e.uid.clone()).collect();
    let found = existing_events(db, &uids).await?;
    let administered: HashSet<i64> = match importer {
        Importer::Person { user, .. } => store::administered_organizations(db, user)
            .await?
            .into_iter()
            .map(|o| o.id)
            .collect(),
        Importer::System => HashSet::new(),
    };
    let ids: Vec<i64> = found
        .iter()
        .filter(|e| e.space_id == space.0)
        .map(|e| e.id)
        .collect();
    let details = store::details(db, &ids).await?;
    let by_uid: HashMap<&str, &Existing> = found.iter().map(|e| (e.uid.as_str(), e)).collect();
    let mut errors = Vec::new();
    let mut existing = HashMap::new();
    for event in &plan.events {
        let uid = event.uid.as_str();
        let Some(row) = by_uid.get(uid) else { continue };
        let error = |key: &'static str| EventError {
            position: event.position,
            line: event.line,
            summary: event.draft.title.chars().take(80).collect(),
            uid: uid.to_owned(),
            property: "UID".to_owned(),
            error: FieldError::new("ics", key),
        };
        if row.space_id != space.0 {
            errors.push(error("error-ics-uid-elsewhere"));
            continue;
        }
        let allowed = match importer {
            Importer::System => true,
            Importer::Person {
                user,
                role,
                visibility,
            } => permissions::may_edit(
                role,
                visibility,
                row.created_by == Some(user.0),
                details
                    .organizer_ids(row.id)
                    .iter()
                    .any(|o| administered.contains(o)),
            ),
        };
        if !allowed {
            errors.push(error("error-ics-not-yours"));
            continue;
        }
        existing.insert(uid.to_owned(), row.id);
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    Ok(Ok(Checked { plan, existing }))
}

// ---------------------------------------------------------------------------------------------
// Writing

/// What an import wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Imported {
    pub created: u64,
    pub updated: u64,
}

/// Reports progress: (events written, events in all).
pub type Progress<'a> = &'a mut (dyn FnMut(u64, u64) + Send);

async fn clear_occurrences(tx: &mut Tx, event: i64) -> Result<(), StoreError> {
    for table in ["calendar_rdates", "calendar_exdates", "calendar_changes"] {
        let sql = format!("DELETE FROM {table} WHERE event_id = $1");
        with_tx!(tx, |conn| sqlx::query(&sql)
            .bind(event)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
    }
    Ok(())
}

async fn organizers_of(tx: &mut Tx, event: i64) -> Result<Vec<i64>, StoreError> {
    Ok(with_tx!(tx, |conn| sqlx::query_scalar::<_, i64>(
        "SELECT organization_id FROM calendar_event_organizers WHERE event_id = $1
         ORDER BY created_at, organization_id"
    )
    .bind(event)
    .fetch_all(&mut *conn)
    .await)?)
}

/// Writes a checked plan into `space` in one transaction, with one activity-log entry.
pub async fn write(
    db: &Db,
    space: SpaceId,
    importer: Importer,
    source: &str,
    checked: &Checked,
    progress: Progress<'_>,
) -> Result<Imported, StoreError> {
    let total = checked.plan.events.len() as u64;
    let mut imported = Imported::default();
    let mut tx = db.begin().await?;
    for (n, event) in checked.plan.events.iter().enumerate() {
        let series = Series {
            zone: event.draft.zone,
            timing: event.draft.timing,
            rule: event.draft.rule.as_ref(),
            rdates: &event.rdates,
            exdates: &event.exdates,
            changes: &event.changes,
        };
        let span = store::span(&series);
        let existing = checked.existing.get(&event.uid);
        let id = match existing {
            Some(&id) => {
                // Organisers who joined stay; the importing organisation is added.
                let mut draft = event.draft.clone();
                let mut organizers = organizers_of(&mut tx, id).await?;
                for o in &draft.organizers {
                    if !organizers.contains(o) {
                        organizers.push(*o);
                    }
                }
                draft.organizers = organizers;
                store::update_event(
                    &mut tx,
                    id,
                    &EventValues {
                        draft: &draft,
                        span,
                    },
                )
                .await?;
                clear_occurrences(&mut tx, id).await?;
                imported.updated += 1;
                id
            }
            None => {
                let values = EventValues {
                    draft: &event.draft,
                    span,
                };
                imported.created += 1;
                store::create_event(&mut tx, space, &event.uid, &values, importer.user()).await?
            }
        };
        for rdate in &event.rdates {
            store::add_rdate(&mut tx, id, *rdate).await?;
        }
        for exdate in &event.exdates {
            store::add_exdate(&mut tx, id, *exdate).await?;
        }
        for change in &event.changes {
            store::change_occurrence(&mut tx, id, change).await?;
        }
        if n % 200 == 0 {
            progress(n as u64, total);
        }
    }
    activity::record(
        &mut tx,
        Activity {
            actor: importer.user(),
            space: Some(space),
            action: "event.import",
            subject_type: "space",
            subject_id: space.0.to_string(),
            details: serde_json::json!({
                "source": source,
                "created": imported.created,
                "updated": imported.updated,
            }),
        },
    )
    .await?;
    tx.commit().await?;
    progress(total, total);
    Ok(imported)
}

/// Why an import wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file has problems: every one of them.
    #[error("{}", summary(.0))]
    Rejected(Vec<EventError>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Parses, checks and writes `input` — all of it, or nothing.
pub async fn import_ics(
    db: &Db,
    space: SpaceId,
    importer: Importer,
    source: &str,
    input: &[u8],
    options: &Options,
    progress: Progress<'_>,
) -> Result<Imported, ImportError> {
    let plan = parse(input, options).map_err(ImportError::Rejected)?;
    let checked = check(db, space, importer, plan)
        .await?
        .map_err(ImportError::Rejected)?;
    Ok(write(db, space, importer, source, &checked, progress).await?)
}

/// Whether organisation `id` may organise the events of `space`: approved and listed there, or
/// in a public space above or below it (the rule of `store::organizers_in`).
pub async fn organization_may_organize(
    db: &Db,
    space: SpaceId,
    id: i64,
) -> Result<bool, StoreError> {
    let mut nearby: Vec<SpaceId> = cospace_store::spaces::ancestors(db, space)
        .await?
        .iter()
        .map(|s| s.id())
        .collect();
    nearby.extend(cospace_store::spaces::subtree(db, space).await?);
    Ok(!store::allowed_organizers(db, space, &nearby, &[id])
        .await?
        .is_empty())
}

/// Who imports from the web for `organization`: the signed-in `user` with their role in the
/// space, when they may import its events (its admins, or a space admin); `None` otherwise.
pub async fn importer_for(
    db: &Db,
    context: &SpaceContext,
    user: UserId,
    organization: i64,
) -> Result<Option<Importer>, StoreError> {
    let administers = store::administered_organizations(db, user)
        .await?
        .iter()
        .any(|o| o.id == organization);
    let (role, visibility) = (context.role, context.space.visibility());
    Ok(
        permissions::may_import_for(role, visibility, administers).then_some(Importer::Person {
            user,
            role,
            visibility,
        }),
    )
}

// ---------------------------------------------------------------------------------------------
// The import page

/// A problem as the import page shows it.
pub struct ErrorRow {
    pub event: String,
    pub line: String,
    pub summary: String,
    pub uid: String,
    pub property: String,
    pub message: String,
}

/// What the form was sent with, shown again.
#[derive(Default)]
struct ImportValues {
    organization: String,
    time_zone: String,
    ics: String,
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    organizations: Vec<store::Organizer>,
    zones: &'static [&'static str],
    values: ImportValues,
    errors: FormErrors,
    rows: Vec<ErrorRow>,
    bad_events: i64,
}

/// The zones offered first; any IANA name may be typed.
const ZONES: &[&str] = &[
    "Europe/Warsaw",
    "Europe/London",
    "Europe/Paris",
    "Europe/Madrid",
    "Africa/Nairobi",
    "America/Sao_Paulo",
    "America/Mexico_City",
    "Asia/Kolkata",
    "UTC",
];

/// The organisations the reader may import for: any organiser of the space for a space admin,
/// else those they administer.
async fn choices(
    state: &AppState,
    context: &SpaceContext,
) -> Result<Vec<store::Organizer>, StoreError> {
    if permissions::names_any_organizer(context.role, context.space.visibility()) {
        return service::organizer_choices(state, context).await;
    }
    match &context.viewer.user {
        Some(user) => store::administered_organizations(&state.db, user.id()).await,
        None => Ok(Vec::new()),
    }
}

async fn import_page(
    state: &AppState,
    page: Page,
    context: &SpaceContext,
    values: ImportValues,
    errors: Invalid,
    problems: &[EventError],
) -> Result<Response, PageError> {
    let invalid = !errors.is_empty() || !problems.is_empty();
    let rows = problems
        .iter()
        .map(|e| ErrorRow {
            event: if e.position > 0 {
                e.position.to_string()
            } else {
                "—".to_owned()
            },
            line: if e.line > 0 {
                e.line.to_string()
            } else {
                "—".to_owned()
            },
            summary: e.summary.clone(),
            uid: e.uid.clone(),
            property: e.property.clone(),
            message: page.l.field_error(&e.error),
        })
        .collect();
    let template = ImportTemplate {
        header: SpaceHeader::new(state, &page, context),
        base: crate::pages::base(context),
        organizations: choices(state, context).await?,
        zones: ZONES,
        values,
        errors: FormErrors(errors),
        rows,
        bad_events: bad_events(problems) as i64,
        page,
    };
    render_form(&template, invalid)
}

/// `GET /spaces/{slug}/calendar/import`: the form (whoever may plan).
pub async fn import_form(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
) -> Result<Response, PageError> {
    let here = format!("{}/import", crate::pages::base(&context));
    context.require_that(allows(&context, Action::Plan), &here)?;
    let organization = choices(&state, &context)
        .await?
        .first()
        .map(|o| o.id.to_string())
        .unwrap_or_default();
    let values = ImportValues {
        organization,
        time_zone: "Europe/Warsaw".to_owned(),
        ics: String::new(),
    };
    import_page(&state, page, &context, values, Invalid::default(), &[]).await
}

/// `POST /spaces/{slug}/calendar/import`: imports the file, or lists every problem.
pub async fn import_submit(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    form: FormData,
) -> Result<Response, PageError> {
    let base = crate::pages::base(&context);
    let here = format!("{base}/import");
    context.require_that(allows(&context, Action::Plan), &here)?;
    let user = context.signed_in_user(&here)?;
    let values = ImportValues {
        organization: form.get("organization").trim().to_owned(),
        time_zone: form.get("time_zone").trim().to_owned(),
        ics: form.get("ics").to_owned(),
    };
    let mut invalid = Invalid::default();
    let organization = values.organization.parse::<i64>().ok().filter(|id| *id > 0);
    match organization {
        None => invalid.push(FieldError::new("organization", "error-organizer-required")),
        Some(id) if !organization_may_organize(&state.db, context.space.id(), id).await? => {
            invalid.push(FieldError::new(
                "organization",
                "error-organizer-not-listed",
            ));
        }
        Some(_) => {}
    }
    let zone = invalid.take(Zone::parse("time_zone", &values.time_zone));
    if values.ics.trim().is_empty() {
        invalid.push(FieldError::new("ics", "error-required"));
    }
    let (Some(organization), Some(zone), true) = (organization, zone, invalid.is_empty()) else {
        return import_page(&state, page, &context, values, invalid, &[]).await;
    };
    let Some(importer) = importer_for(&state.db, &context, user.id(), organization).await? else {
        let invalid = Invalid::one("organization", "error-organizer-not-yours");
        return import_page(&state, page, &context, values, invalid, &[]).await;
    };
    let options = Options {
        organization,
        default_zone: zone,
    };
    match import_ics(
        &state.db,
        context.space.id(),
        importer,
        "web",
        values.ics.as_bytes(),
        &options,
        &mut |_, _| {},
    )
    .await
    {
        Ok(_) => Ok(redirect_with_flash(
            &state,
            &base,
            "flash-calendar-imported",
        )),
        Err(ImportError::Rejected(problems)) => {
            import_page(
                &state,
                page,
                &context,
                values,
                Invalid::default(),
                &problems,
            )
            .await
        }
        Err(ImportError::Store(error)) => Err(error.into()),
    }
}
