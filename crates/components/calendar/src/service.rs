//! The use cases of the calendar, shared by pages, API and import: each checks its rules, runs
//! in one transaction, logs to the activity log and notifies who must know. Reading the
//! calendar means expanding the events of a window into occurrences; clashes are found among
//! them by the pure sweep in `cospace_core::calendar::clash`.

use crate::permissions::{self, Action};
use crate::store::{self, Details, EventRow, EventValues};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use cospace_core::calendar::clash::{self, Place, Rules, Slot};
use cospace_core::calendar::event::{AudienceSet, EventDraft, EventStatus};
use cospace_core::calendar::recurrence::{Change, Occurrence, Series};
use cospace_core::{FieldError, Invalid, SpaceId};
use cospace_store::accounts::User;
use cospace_store::activity::{self, Activity};
use cospace_store::{notifications, StoreError, Tx};
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;
use std::collections::{HashMap, HashSet};

/// The errors of this layer, shared by every component; pages and the API turn them into
/// responses.
pub use cospace_web::ServiceError;

pub fn allows(context: &SpaceContext, action: Action) -> bool {
    permissions::allows(context.role, context.space.visibility(), action)
}

/// The spaces a calendar of `context` shows: the space and every space below it the reader may
/// see (a city's calendar includes its neighbourhoods').
pub async fn scope(state: &AppState, context: &SpaceContext) -> Result<Vec<SpaceId>, StoreError> {
    context.visible_subtree(&state.db).await
}

/// Where clashes with a new event are looked for: everything under the space's parent (a
/// neighbourhood's event meets the whole city's), as far as the reader may see.
pub async fn clash_scope(
    state: &AppState,
    context: &SpaceContext,
) -> Result<Vec<SpaceId>, StoreError> {
    let top = context.space.parent().unwrap_or(context.space.id());
    cospace_store::spaces::visible_subtree(&state.db, top, &context.onlooker()).await
}

/// The spaces around `context` whose public organisations and venues an event here may name:
/// those above it and below it (see `store::organizers_in` for the whole rule).
pub async fn nearby(state: &AppState, context: &SpaceContext) -> Result<Vec<SpaceId>, StoreError> {
    let mut spaces: Vec<SpaceId> = scope(state, context).await?;
    spaces.extend(context.trail.iter().map(|s| s.id()));
    Ok(spaces)
}

/// The organisations that may organise events here: approved and listed in the space, or in a
/// public space above it or below it.
pub async fn organizer_choices(
    state: &AppState,
    context: &SpaceContext,
) -> Result<Vec<store::Organizer>, StoreError> {
    let nearby = nearby(state, context).await?;
    store::organizers_in(&state.db, context.space.id(), &nearby, 500).await
}

/// The venues events here may take place at (see [`organizer_choices`]).
pub async fn venue_choices(
    state: &AppState,
    context: &SpaceContext,
) -> Result<Vec<store::Venue>, StoreError> {
    let nearby = nearby(state, context).await?;
    crate::lookups::usable_venues(state, context.space.id(), &nearby, 300).await
}

/// The organisations the reader administers that may organise events here (listed in the
/// space, above it or below it) — the ones the reader can plan or join for.
pub async fn my_organizations_here(
    state: &AppState,
    context: &SpaceContext,
) -> Result<Vec<store::Organizer>, StoreError> {
    let Some(user) = &context.viewer.user else {
        return Ok(Vec::new());
    };
    let mine = store::administered_organizations(&state.db, user.id()).await?;
    if mine.is_empty() {
        return Ok(mine);
    }
    let here: HashSet<i64> = organizer_choices(state, context)
        .await?
        .iter()
        .map(|o| o.id)
        .collect();
    Ok(mine.into_iter().filter(|o| here.contains(&o.id)).collect())
}

/// The events of a window, expanded into occurrences.
pub struct Window {
    pub events: Vec<EventRow>,
    pub details: Details,
    /// (index into `events`, occurrence), in start order.
    pub occurrences: Vec<(usize, Occurrence)>,
}

impl Window {
    pub fn event(&self, index: usize) -> &EventRow {
        &self.events[index]
    }
}

pub async fn window(
    state: &AppState,
    spaces: &[SpaceId],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Window, StoreError> {
    let mut events =
        store::events_between(&state.db, spaces, from.timestamp(), to.timestamp()).await?;
    crate::lookups::attach(state, &mut events).await?;
    let ids: Vec<i64> = events.iter().map(|e| e.id).collect();
    let details = store::details(&state.db, &ids).await?;
    Ok(expand(events, details, from, to))
}

/// Expands stored events into the occurrences of `[from, to)`.
pub fn expand(
    events: Vec<EventRow>,
    details: Details,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Window {
    let mut occurrences = Vec::new();
    for (index, row) in events.iter().enumerate() {
        let rule = row.rule();
        let series = store::series(row, rule.as_ref(), &details);
        occurrences.extend(series.occurrences(from, to).into_iter().map(|o| (index, o)));
    }
    occurrences.sort_by(|a, b| a.1.start.cmp(&b.1.start).then(a.0.cmp(&b.0)));
    Window {
        events,
        details,
        occurrences,
    }
}

/// Days since 1970-01-01 of a wall-clock date.
fn day_number(date: NaiveDate) -> i32 {
    date.num_days_from_ce() - 719_163
}

/// The clash-detection view of an occurrence; cancelled events and occurrences take no place.
fn slot(row: &EventRow, details: &Details, occurrence: &Occurrence) -> Option<Slot> {
    if occurrence.cancelled || row.status == EventStatus::Cancelled {
        return None;
    }
    Some(Slot {
        event: row.id,
        space: row.space_id,
        start: occurrence.start.timestamp(),
        end: occurrence.end.timestamp(),
        day: day_number(occurrence.local_start.date()),
        venue: row.venue_id,
        point: row.point(),
        audiences: details.audience_set(row.id),
    })
}

/// One clash between two occurrences of a window.
pub struct ClashFound {
    /// Indices into the window's `occurrences`.
    pub first: usize,
    pub second: usize,
    pub place: Option<Place>,
    pub audiences: AudienceSet,
}

/// Every clash among the occurrences of a window.
pub fn clashes(window: &Window, rules: Rules) -> Vec<ClashFound> {
    let mut slots = Vec::new();
    let mut back = Vec::new();
    for (n, (index, occurrence)) in window.occurrences.iter().enumerate() {
        if let Some(slot) = slot(&window.events[*index], &window.details, occurrence) {
            slots.push(slot);
            back.push(n);
        }
    }
    clash::detect(&slots, rules)
        .into_iter()
        .map(|c| ClashFound {
            first: back[c.first],
            second: back[c.second],
            place: c.place,
            audiences: c.audiences,
        })
        .collect()
}

/// A clash of an event being planned with an existing one.
pub struct DraftClash {
    pub other: EventRow,
    pub other_organizers: Vec<(i64, String)>,
    pub occurrence: Occurrence,
    pub place: Option<Place>,
    pub audiences: AudienceSet,
}

/// How far ahead a recurring plan is checked for clashes.
const CLASH_HORIZON_DAYS: i64 = 366;

/// The clashes an event being planned would have (`editing`: the event it replaces, which
/// does not clash with itself). Used live on the form and before saving.
pub async fn clashes_for_draft(
    state: &AppState,
    context: &SpaceContext,
    draft: &EventDraft,
    venue_point: Option<cospace_core::geo::Point>,
    editing: Option<i64>,
) -> Result<Vec<DraftClash>, StoreError> {
    let first = draft.zone.to_utc(draft.timing.local_start());
    let horizon = first + chrono::Duration::days(CLASH_HORIZON_DAYS);
    let series = cospace_core::calendar::recurrence::Series {
        zone: draft.zone,
        timing: draft.timing,
        rule: draft.rule.as_ref(),
        rdates: &[],
        exdates: &[],
        changes: &[],
    };
    let planned = series.occurrences(first - chrono::Duration::days(1), horizon);
    let (Some(from), Some(to)) = (
        planned.iter().map(|o| o.start).min(),
        planned.iter().map(|o| o.end).max(),
    ) else {
        return Ok(Vec::new());
    };
    let spaces = clash_scope(state, context).await?;
    let mut existing = window(state, &spaces, from, to).await?;
    existing.events.retain(|e| Some(e.id) != editing);
    let kept: HashMap<i64, usize> = existing
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id, i))
        .collect();
    let mut slots = Vec::new();
    let mut back = Vec::new();
    let audiences = AudienceSet::of(&draft.audiences);
    let point = venue_point.or(draft.location);
    for occurrence in &planned {
        slots.push(Slot {
            event: 0,
            space: context.space.id().0,
            start: occurrence.start.timestamp(),
            end: occurrence.end.timestamp(),
            day: day_number(occurrence.local_start.date()),
            venue: draft.venue,
            point,
            audiences,
        });
        back.push(None);
    }
    let original = std::mem::take(&mut existing.occurrences);
    let rows = existing.events.clone();
    for (index, occurrence) in original {
        // Indices shifted when the edited event was dropped; find the row again by id.
        let Some(row) = rows.get(index) else { continue };
        let Some(&kept_index) = kept.get(&row.id) else {
            continue;
        };
        if let Some(slot) = slot(row, &existing.details, &occurrence) {
            slots.push(slot);
            back.push(Some((kept_index, occurrence)));
        }
    }
    let mut found = Vec::new();
    let mut seen = HashSet::new();
    for c in clash::detect(&slots, Rules::default()) {
        // Only clashes between the plan (first slots) and an existing occurrence count.
        let (mine, theirs) = match (&back[c.first], &back[c.second]) {
            (None, Some(theirs)) => (c.first, theirs),
            _ => continue,
        };
        let _ = mine;
        let (index, occurrence) = theirs;
        let other = &existing.events[*index];
        // One warning per other occurrence is enough.
        if !seen.insert((other.id, occurrence.recurrence_id)) {
            continue;
        }
        found.push(DraftClash {
            other: other.clone(),
            other_organizers: existing
                .details
                .organizers
                .get(&other.id)
                .cloned()
                .unwrap_or_default(),
            occurrence: occurrence.clone(),
            place: c.place,
            audiences: c.audiences,
        });
        if found.len() >= 50 {
            break;
        }
    }
    Ok(found)
}

/// Checks what only the database knows about a plan: that its organisers and its venue exist
/// and may appear on an event of this space (approved and listed there, so that every reader
/// of the event may see them), and that the actor may name each new organiser — a space admin
/// any of them, anyone else only the organisations they administer (the others are invited
/// from the event's page and join when they accept). `editing`: the event the plan replaces, whose
/// organisers stay. Returns the venue's point for clash detection.
pub async fn check_references(
    state: &AppState,
    context: &SpaceContext,
    actor: &User,
    draft: &EventDraft,
    editing: Option<&EventRow>,
) -> Result<Option<cospace_core::geo::Point>, ServiceError> {
    let existing = match editing {
        Some(event) => store::details(&state.db, &[event.id])
            .await?
            .organizer_ids(event.id),
        None => Vec::new(),
    };
    let added: Vec<i64> = draft
        .organizers
        .iter()
        .copied()
        .filter(|o| !existing.contains(o))
        .collect();
    let nearby = nearby(state, context).await?;
    let mut invalid = Invalid::default();
    if !store::unknown_organizations(&state.db, &added)
        .await?
        .is_empty()
    {
        invalid.push(FieldError::new("organizers", "error-unknown-organizer"));
    } else {
        let allowed =
            store::allowed_organizers(&state.db, context.space.id(), &nearby, &added).await?;
        if added.iter().any(|o| !allowed.contains(o)) {
            invalid.push(FieldError::new("organizers", "error-organizer-not-listed"));
        }
    }
    if invalid.is_empty() && !allows(context, Action::Manage) {
        let mine: HashSet<i64> = store::administered_organizations(&state.db, actor.id())
            .await?
            .iter()
            .map(|o| o.id)
            .collect();
        if added.iter().any(|o| !mine.contains(o)) {
            invalid.push(FieldError::new("organizers", "error-organizer-not-yours"));
        }
    }
    let mut point = None;
    if let Some(venue) = draft.venue {
        match crate::lookups::usable_venue(state, context.space.id(), &nearby, venue).await? {
            Some(v) => point = v.point(),
            None => invalid.push(FieldError::new("venue", "error-unknown-venue")),
        }
    }
    invalid.into_result()?;
    Ok(point)
}

async fn administers_any(
    state: &AppState,
    user: &User,
    organizations: &[i64],
) -> Result<bool, StoreError> {
    let mine = store::administered_organizations(&state.db, user.id()).await?;
    Ok(mine.iter().any(|o| organizations.contains(&o.id)))
}

async fn log(
    tx: &mut Tx,
    actor: &User,
    space: SpaceId,
    action: &str,
    subject_id: i64,
    details: serde_json::Value,
) -> Result<(), StoreError> {
    activity::record(
        tx,
        Activity {
            actor: Some(actor.id()),
            space: Some(space),
            action,
            subject_type: "event",
            subject_id: subject_id.to_string(),
            details,
        },
    )
    .await?;
    Ok(())
}

fn new_uid() -> Result<String, StoreError> {
    Ok(format!(
        "{}@cospace",
        cospace_store::secrets::random_token("event-")?
    ))
}

/// Plans an event in the space. A space admin may name any organisation that may organise here;
/// anyone else only the organisations they administer, and invites the others.
pub async fn create_event(
    state: &AppState,
    context: &SpaceContext,
    actor: &User,
    draft: &EventDraft,
) -> Result<i64, ServiceError> {
    if !allows(context, Action::Plan) {
        return Err(ServiceError::Forbidden);
    }
    check_references(state, context, actor, draft, None).await?;
    create_unchecked(state, context.space.id(), Some(actor), draft, None).await
}

/// Stores an event whose permissions and references were checked (also used by import and the
/// demo), with its own UID or a new one.
pub async fn create_unchecked(
    state: &AppState,
    space: SpaceId,
    actor: Option<&User>,
    draft: &EventDraft,
    uid: Option<&str>,
) -> Result<i64, ServiceError> {
    let uid = match uid {
        Some(uid) => uid.to_owned(),
        None => new_uid()?,
    };
    let series = cospace_core::calendar::recurrence::Series {
        zone: draft.zone,
        timing: draft.timing,
        rule: draft.rule.as_ref(),
        rdates: &[],
        exdates: &[],
        changes: &[],
    };
    let values = EventValues {
        draft,
        span: store::span(&series),
    };
    let mut tx = state.db.begin().await?;
    let id = store::create_event(&mut tx, space, &uid, &values, actor.map(|a| a.id())).await?;
    if let Some(actor) = actor {
        log(
            &mut tx,
            actor,
            space,
            "event.create",
            id,
            serde_json::json!({ "title": draft.title }),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Whether `user` may edit `event`.
pub async fn may_edit(
    state: &AppState,
    context: &SpaceContext,
    event: &EventRow,
) -> Result<bool, StoreError> {
    let Some(user) = context.viewer.user.as_ref() else {
        return Ok(false);
    };
    let organizers = store::details(&state.db, &[event.id])
        .await?
        .organizer_ids(event.id);
    Ok(permissions::may_edit(
        context.role,
        context.space.visibility(),
        event.created_by == Some(user.id().0),
        administers_any(state, user, &organizers).await?,
    ))
}

/// The event `id` as seen from `context`: it must belong to the space or a space below it.
pub async fn event_in(
    state: &AppState,
    context: &SpaceContext,
    id: i64,
) -> Result<EventRow, ServiceError> {
    let event = crate::lookups::event(state, id).await?;
    let scope = scope(state, context).await?;
    if !scope.contains(&SpaceId(event.space_id)) {
        return Err(StoreError::NotFound.into());
    }
    Ok(event)
}

pub async fn update_event(
    state: &AppState,
    context: &SpaceContext,
    actor: &User,
    event: &EventRow,
    draft: &EventDraft,
) -> Result<(), ServiceError> {
    if !may_edit(state, context, event).await? {
        return Err(ServiceError::Forbidden);
    }
    check_references(state, context, actor, draft, Some(event)).await?;
    let details = store::details(&state.db, &[event.id]).await?;
    // Extra dates name starts at the series' time of day: moving its first start (or making it
    // all-day or timed) leaves them meaningless, so they go; other edits keep them.
    let keeps_rdates = draft.timing.local_start() == event.timing().local_start()
        && draft.timing.is_all_day() == event.all_day;
    let series = cospace_core::calendar::recurrence::Series {
        zone: draft.zone,
        timing: draft.timing,
        rule: draft.rule.as_ref(),
        rdates: details
            .rdates
            .get(&event.id)
            .filter(|_| keeps_rdates)
            .map(Vec::as_slice)
            .unwrap_or(&[]),
        exdates: details
            .exdates
            .get(&event.id)
            .map(Vec::as_slice)
            .unwrap_or(&[]),
        changes: details
            .changes
            .get(&event.id)
            .map(Vec::as_slice)
            .unwrap_or(&[]),
    };
    let values = EventValues {
        draft,
        span: store::span(&series),
    };
    let mut tx = state.db.begin().await?;
    store::update_event(&mut tx, event.id, &values).await?;
    if !keeps_rdates {
        store::clear_rdates(&mut tx, event.id).await?;
    }
    log(
        &mut tx,
        actor,
        SpaceId(event.space_id),
        "event.update",
        event.id,
        serde_json::json!({ "title": draft.title }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn cancel_event(
    state: &AppState,
    context: &SpaceContext,
    actor: &User,
    event: &EventRow,
) -> Result<(), ServiceError> {
    if !may_edit(state, context, event).await? {
        return Err(ServiceError::Forbidden);
    }
    let mut tx = state.db.begin().await?;
    store::set_status(&mut tx, event.id, EventStatus::Cancelled).await?;
    log(
        &mut tx,
        actor,
        SpaceId(event.space_id),
        "event.cancel",
        event.id,
        serde_json::json!({ "title": event.title }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Joins `event` as a co-organiser on behalf of `organization` — instead of planning a clashing
/// event of one's own. The other organisers' admins are told.
pub async fn join_event(
    state: &AppState,
    context: &SpaceContext,
    actor: &User,
    event: &EventRow,
    organization: i64,
) -> Result<bool, ServiceError> {
    if !store::unknown_organizations(&state.db, &[organization])
        .await?
        .is_empty()
    {
        return Err(Invalid::one("organization", "error-unknown-organizer").into());
    }
    let nearby = nearby(state, context).await?;
    let here =
        store::allowed_organizers(&state.db, SpaceId(event.space_id), &nearby, &[organization])
            .await?;
    if here.is_empty() {
        return Err(Invalid::one("organization", "error-organizer-not-listed").into());
    }
    let allowed = permissions::may_join_for(
        context.role,
        context.space.visibility(),
        administers_any(state, actor, &[organization]).await?,
    );
    if !allowed {
        return Err(ServiceError::Forbidden);
    }
    let organizers = store::details(&state.db, &[event.id])
        .await?
        .organizer_ids(event.id);
    let joining = store::organization_name(&state.db, organization).await?;
    // Who is told: the admins of the organisers already there, once each, not the one joining.
    let mut to_tell = Vec::new();
    for org in organizers {
        for admin in
            cospace_store::organizations::admins(&state.db, cospace_core::OrganizationId(org))
                .await?
        {
            if admin != actor.id() && !to_tell.contains(&admin) {
                to_tell.push(admin);
            }
        }
    }
    let mut tx = state.db.begin().await?;
    let added = store::add_organizer(&mut tx, event.id, organization).await?;
    // An invitation to co-organise is answered by joining.
    crate::meetings::remove_invitation(&mut tx, event.id, organization).await?;
    if added {
        store::touch(&mut tx, event.id).await?;
        let link = format!(
            "/spaces/{}/calendar/events/{}",
            context.space.slug, event.id
        );
        for admin in to_tell {
            notifications::notify(
                &mut tx,
                admin,
                "notify-event-joined",
                serde_json::json!({ "organization": joining, "event": event.title }),
                &link,
            )
            .await?;
        }
        log(
            &mut tx,
            actor,
            SpaceId(event.space_id),
            "event.join",
            event.id,
            serde_json::json!({ "organization": joining }),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(added)
}

/// The first day of the month containing `date`.
pub fn month_start(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

/// What happens to one date of a series.
pub enum OccurrenceChange {
    Cancel,
    /// Back to the series' own time and text.
    Restore,
    /// A new time, and the date's own title and description (`None`: the series' own).
    Move {
        start: chrono::NaiveDateTime,
        end: chrono::NaiveDateTime,
        title: Option<String>,
        description: Option<String>,
    },
}

/// Cancels, restores or moves one occurrence of `event` (named by its original wall-clock
/// start); the series' span and SEQUENCE follow.
pub async fn change_occurrence(
    state: &AppState,
    context: &SpaceContext,
    actor: &User,
    event: &EventRow,
    recurrence_id: chrono::NaiveDateTime,
    change: OccurrenceChange,
) -> Result<(), ServiceError> {
    if !may_edit(state, context, event).await? {
        return Err(ServiceError::Forbidden);
    }
    let details = store::details(&state.db, &[event.id]).await?;
    let rule = event.rule();
    let series = store::series(event, rule.as_ref(), &details);
    // The occurrence must exist: expand around its original start.
    let zone = event.zone();
    let at = zone.to_utc(recurrence_id);
    let exists = series
        .occurrences(
            at - chrono::Duration::days(2),
            at + chrono::Duration::days(2),
        )
        .iter()
        .any(|o| o.recurrence_id == recurrence_id);
    if !exists {
        return Err(StoreError::NotFound.into());
    }
    let length = event.timing().local_end() - event.timing().local_start();
    let mut changes = details.changes.get(&event.id).cloned().unwrap_or_default();
    let before = changes
        .iter()
        .find(|c| c.recurrence_id == recurrence_id)
        .cloned();
    let change = match change {
        // A cancelled date keeps the time and text it had: subscribers see what was called off.
        OccurrenceChange::Cancel => Change {
            cancelled: true,
            ..before.unwrap_or(Change {
                recurrence_id,
                start: recurrence_id,
                end: recurrence_id + length,
                ..Change::default()
            })
        },
        // Restoring goes back to the series' own time and text.
        OccurrenceChange::Restore => Change {
            recurrence_id,
            start: recurrence_id,
            end: recurrence_id + length,
            ..Change::default()
        },
        OccurrenceChange::Move {
            start,
            end,
            title,
            description,
        } => Change {
            recurrence_id,
            start,
            end,
            cancelled: false,
            title,
            description,
            // The place is not on the form: a place given by an import stays.
            address: before.and_then(|c| c.address),
        },
    };
    let cancelled = change.cancelled;
    changes.retain(|c| c.recurrence_id != recurrence_id);
    changes.push(change.clone());
    let span = store::span(&Series {
        changes: &changes,
        ..series
    });
    let mut tx = state.db.begin().await?;
    store::change_occurrence(&mut tx, event.id, &change).await?;
    store::set_span(&mut tx, event.id, span).await?;
    store::touch(&mut tx, event.id).await?;
    log(
        &mut tx,
        actor,
        SpaceId(event.space_id),
        if cancelled {
            "event.occurrence_cancel"
        } else {
            "event.occurrence_change"
        },
        event.id,
        serde_json::json!({ "occurrence": store::local_text(recurrence_id) }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
