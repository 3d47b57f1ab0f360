//! Meetings: the record of each occurrence of a meeting (agenda, attendance, minutes,
//! decisions), the action items they leave and the invitations of a series — storage and use
//! cases. An occurrence gets its record the first time something is written about it.

use crate::service::{self, ServiceError};
use crate::store::{self, local_text, EventRow};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use cospace_core::calendar::meeting::{ActionItemDraft, ActionStatus};
use cospace_core::{Invalid, Lang, OrganizationId, SpaceId, UserId};
use cospace_store::accounts::User;
use cospace_store::activity::{self, Activity};
use cospace_store::outbox::{self, CalendarPart, OutgoingMail};
use cospace_store::{
    in_ids, notifications, now, organizations, with_db, with_tx, Db, IdList, StoreError, Tx,
};
use cospace_web::i18n::Localizer;
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;

/// What one occurrence of a meeting recorded.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Meeting {
    pub id: i64,
    pub event_id: i64,
    pub recurrence_id: String,
    pub minutes: String,
    pub people: Option<i64>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Line {
    pub id: i64,
    pub meeting_id: i64,
    pub text: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Attendance {
    pub meeting_id: i64,
    pub organization_id: i64,
    /// The platform's name of the organisation, filled in after the calendar's query.
    #[sqlx(default)]
    pub organization_name: String,
    pub people: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ActionItem {
    pub id: i64,
    pub meeting_id: i64,
    pub event_id: i64,
    pub recurrence_id: String,
    pub title: String,
    pub owner_organization_id: Option<i64>,
    /// The platform's name of the owner, filled in after the calendar's query.
    #[sqlx(default)]
    pub owner_name: Option<String>,
    pub due_date: Option<String>,
    pub status: crate::store::Stored<ActionStatus>,
    pub follow_up_event_id: Option<i64>,
    pub follow_up_title: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl ActionItem {
    pub fn due(&self) -> Option<NaiveDate> {
        self.due_date
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    }
}

/// The URL form of an occurrence's name: `20270112T170000`.
pub fn occurrence_key(recurrence_id: NaiveDateTime) -> String {
    recurrence_id.format("%Y%m%dT%H%M%S").to_string()
}

pub fn parse_occurrence_key(key: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(key, "%Y%m%dT%H%M%S").ok()
}

pub async fn meetings_of(db: &Db, event: i64) -> Result<Vec<Meeting>, StoreError> {
    Ok(with_db!(db, |pool| sqlx::query_as::<_, Meeting>(
        "SELECT id, event_id, recurrence_id, minutes, people, updated_at FROM calendar_meetings
         WHERE event_id = $1 ORDER BY recurrence_id"
    )
    .bind(event)
    .fetch_all(pool)
    .await)?)
}

/// The record of an occurrence, made when first needed.
async fn meeting_record(
    tx: &mut Tx,
    event: i64,
    recurrence_id: NaiveDateTime,
) -> Result<i64, StoreError> {
    let key = local_text(recurrence_id);
    let at = now();
    with_tx!(tx, |conn| sqlx::query(
        "INSERT INTO calendar_meetings (event_id, recurrence_id, minutes, created_at, updated_at)
         VALUES ($1, $2, '', $3, $3) ON CONFLICT (event_id, recurrence_id) DO NOTHING"
    )
    .bind(event)
    .bind(&key)
    .bind(at)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected()))?;
    let id: i64 = with_tx!(tx, |conn| sqlx::query_scalar(
        "SELECT id FROM calendar_meetings WHERE event_id = $1 AND recurrence_id = $2"
    )
    .bind(event)
    .bind(&key)
    .fetch_one(&mut *conn)
    .await)?;
    Ok(id)
}

pub async fn lines(db: &Db, table: &str, event: i64) -> Result<Vec<Line>, StoreError> {
    let column = if table == "calendar_agenda_items" {
        "title"
    } else {
        "text"
    };
    let sql = format!(
        "SELECT l.id, l.meeting_id, l.{column} AS text FROM {table} l
         JOIN calendar_meetings m ON m.id = l.meeting_id WHERE m.event_id = $1 ORDER BY l.id"
    );
    Ok(with_db!(db, |pool| sqlx::query_as::<_, Line>(&sql)
        .bind(event)
        .fetch_all(pool)
        .await)?)
}

/// Attendance of the meetings of a series, by organisation name.
pub async fn attendance(db: &Db, event: i64) -> Result<Vec<Attendance>, StoreError> {
    let mut rows = with_db!(db, |pool| sqlx::query_as::<_, Attendance>(
        "SELECT a.meeting_id, a.organization_id, a.people
         FROM calendar_attendance a JOIN calendar_meetings m ON m.id = a.meeting_id
         WHERE m.event_id = $1"
    )
    .bind(event)
    .fetch_all(pool)
    .await)?;
    let ids: Vec<i64> = rows.iter().map(|a| a.organization_id).collect();
    let names = organizations::names(db, &ids).await?;
    rows.retain_mut(|a| match names.get(&a.organization_id) {
        Some(name) => {
            a.organization_name = name.clone();
            true
        }
        None => false,
    });
    rows.sort_by(|a, b| a.organization_name.cmp(&b.organization_name));
    Ok(rows)
}

const ACTION_SELECT: &str = "SELECT a.id, a.meeting_id, a.event_id, m.recurrence_id, a.title,
    a.owner_organization_id, a.due_date, a.status, a.follow_up_event_id,
    f.title AS follow_up_title, a.created_at
    FROM calendar_action_items a JOIN calendar_meetings m ON m.id = a.meeting_id
    LEFT JOIN calendar_events f ON f.id = a.follow_up_event_id";

/// Fills in the names of the owners of `items` (one query for all of them).
async fn with_owner_names(
    db: &Db,
    mut items: Vec<ActionItem>,
) -> Result<Vec<ActionItem>, StoreError> {
    let ids: Vec<i64> = items
        .iter()
        .filter_map(|i| i.owner_organization_id)
        .collect();
    let names = organizations::names(db, &ids).await?;
    for item in &mut items {
        item.owner_name = item
            .owner_organization_id
            .and_then(|o| names.get(&o).cloned());
    }
    Ok(items)
}

pub async fn action_items_of_series(db: &Db, event: i64) -> Result<Vec<ActionItem>, StoreError> {
    let sql = format!("{ACTION_SELECT} WHERE a.event_id = $1 ORDER BY m.recurrence_id, a.id");
    let items = with_db!(db, |pool| sqlx::query_as::<_, ActionItem>(&sql)
        .bind(event)
        .fetch_all(pool)
        .await)?;
    with_owner_names(db, items).await
}

/// Every action item of the events of `spaces`.
pub async fn action_items_in(db: &Db, spaces: &[SpaceId]) -> Result<Vec<ActionItem>, StoreError> {
    let sql = format!(
        "{ACTION_SELECT} JOIN calendar_events e ON e.id = a.event_id
         WHERE e.space_id {}
         ORDER BY a.due_date IS NULL, a.due_date, a.id",
        in_ids(db.backend(), 1)
    );
    let ids = IdList::new(spaces.iter().map(|s| s.0));
    let items = with_db!(db, |pool| sqlx::query_as::<_, ActionItem>(&sql)
        .bind(ids.clone())
        .fetch_all(pool)
        .await)?;
    with_owner_names(db, items).await
}

pub async fn action_item(db: &Db, id: i64) -> Result<ActionItem, StoreError> {
    let sql = format!("{ACTION_SELECT} WHERE a.id = $1");
    let item = with_db!(db, |pool| sqlx::query_as::<_, ActionItem>(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await)?
    .ok_or(StoreError::NotFound)?;
    with_owner_names(db, vec![item])
        .await?
        .pop()
        .ok_or(StoreError::NotFound)
}

/// Organisations invited to a series: (id, name).
pub async fn invitations(db: &Db, event: i64) -> Result<Vec<(i64, String)>, StoreError> {
    let ids: Vec<i64> = with_db!(db, |pool| sqlx::query_scalar(
        "SELECT organization_id FROM calendar_invitations WHERE event_id = $1"
    )
    .bind(event)
    .fetch_all(pool)
    .await)?;
    let mut invited: Vec<(i64, String)> =
        organizations::names(db, &ids).await?.into_iter().collect();
    invited.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    Ok(invited)
}

/// Removes the invitation of `organization` to `event`: it joined as co-organiser.
pub async fn remove_invitation(
    tx: &mut Tx,
    event: i64,
    organization: i64,
) -> Result<(), StoreError> {
    with_tx!(tx, |conn| sqlx::query(
        "DELETE FROM calendar_invitations WHERE event_id = $1 AND organization_id = $2"
    )
    .bind(event)
    .bind(organization)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// A change to a meeting's record.
pub enum Record<'a> {
    AgendaItem(&'a str),
    Decision(&'a str),
    Minutes(&'a str),
    People(Option<u32>),
    Attendance { organization: i64, people: u32 },
    ActionItem(&'a ActionItemDraft),
}

async fn log(
    tx: &mut Tx,
    actor: &User,
    space: i64,
    action: &str,
    event: i64,
    details: serde_json::Value,
) -> Result<(), StoreError> {
    activity::record(
        tx,
        Activity {
            actor: Some(actor.id()),
            space: Some(SpaceId(space)),
            action,
            subject_type: "event",
            subject_id: event.to_string(),
            details,
        },
    )
    .await?;
    Ok(())
}

/// Writes to the record of one occurrence of `event`; only its editors may.
pub async fn record(
    state: &AppState,
    context: &SpaceContext,
    actor: &User,
    event: &EventRow,
    recurrence_id: NaiveDateTime,
    change: Record<'_>,
) -> Result<(), ServiceError> {
    if !service::may_edit(state, context, event).await? {
        return Err(ServiceError::Forbidden);
    }
    if let Record::ActionItem(draft) = &change {
        let mut invalid = Invalid::default();
        if let Some(owner) = draft.owner {
            if !store::unknown_organizations(&state.db, &[owner])
                .await?
                .is_empty()
            {
                invalid.push(cospace_core::FieldError::new(
                    "owner",
                    "error-unknown-organizer",
                ));
            }
        }
        if let Some(follow_up) = draft.follow_up {
            if store::event(&state.db, follow_up).await.is_err() {
                invalid.push(cospace_core::FieldError::new(
                    "follow_up",
                    "error-unknown-event",
                ));
            }
        }
        invalid.into_result()?;
    }
    if let Record::Attendance { organization, .. } = &change {
        if !store::unknown_organizations(&state.db, &[*organization])
            .await?
            .is_empty()
        {
            return Err(Invalid::one("organization", "error-unknown-organizer").into());
        }
    }
    let mut tx = state.db.begin().await?;
    let meeting = meeting_record(&mut tx, event.id, recurrence_id).await?;
    let at = now();
    let action = match change {
        Record::AgendaItem(title) => {
            with_tx!(tx, |conn| {
                sqlx::query(
                "INSERT INTO calendar_agenda_items (meeting_id, title, created_at) VALUES ($1, $2, $3)"
            )
            .bind(meeting)
            .bind(title)
            .bind(at)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected())
            })?;
            "meeting.agenda"
        }
        Record::Decision(text) => {
            with_tx!(tx, |conn| sqlx::query(
                "INSERT INTO calendar_decisions (meeting_id, text, created_at) VALUES ($1, $2, $3)"
            )
            .bind(meeting)
            .bind(text)
            .bind(at)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
            "meeting.decision"
        }
        Record::Minutes(text) => {
            with_tx!(tx, |conn| sqlx::query(
                "UPDATE calendar_meetings SET minutes = $1, updated_at = $2 WHERE id = $3"
            )
            .bind(text)
            .bind(at)
            .bind(meeting)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
            "meeting.minutes"
        }
        Record::People(people) => {
            with_tx!(tx, |conn| sqlx::query(
                "UPDATE calendar_meetings SET people = $1, updated_at = $2 WHERE id = $3"
            )
            .bind(people.map(i64::from))
            .bind(at)
            .bind(meeting)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
            "meeting.attendance"
        }
        Record::Attendance {
            organization,
            people,
        } => {
            with_tx!(tx, |conn| {
                sqlx::query(
                "INSERT INTO calendar_attendance (meeting_id, organization_id, people) VALUES ($1, $2, $3)
                 ON CONFLICT (meeting_id, organization_id) DO UPDATE SET people = excluded.people"
            )
            .bind(meeting)
            .bind(organization)
            .bind(i64::from(people))
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected())
            })?;
            "meeting.attendance"
        }
        Record::ActionItem(draft) => {
            with_tx!(tx, |conn| {
                sqlx::query(
                "INSERT INTO calendar_action_items (meeting_id, event_id, title, owner_organization_id,
                    due_date, status, follow_up_event_id, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $7)"
            )
            .bind(meeting)
            .bind(event.id)
            .bind(&draft.title)
            .bind(draft.owner)
            .bind(draft.due_date.map(|d| d.format("%Y-%m-%d").to_string()))
            .bind(draft.follow_up)
            .bind(at)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected())
            })?;
            "meeting.action_item"
        }
    };
    log(
        &mut tx,
        actor,
        event.space_id,
        action,
        event.id,
        serde_json::json!({ "occurrence": local_text(recurrence_id) }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Moves an action item on; its series' editors and its owner's admins may.
pub async fn set_action_status(
    state: &AppState,
    context: &SpaceContext,
    actor: &User,
    item: &ActionItem,
    status: ActionStatus,
) -> Result<(), ServiceError> {
    let event = crate::lookups::event(state, item.event_id).await?;
    let owner_admin = match item.owner_organization_id {
        Some(owner) => store::administered_organizations(&state.db, actor.id())
            .await?
            .iter()
            .any(|o| o.id == owner),
        None => false,
    };
    if !(owner_admin || service::may_edit(state, context, &event).await?) {
        return Err(ServiceError::Forbidden);
    }
    let mut tx = state.db.begin().await?;
    with_tx!(tx, |conn| sqlx::query(
        "UPDATE calendar_action_items SET status = $1, updated_at = $2 WHERE id = $3"
    )
    .bind(status.as_str())
    .bind(now())
    .bind(item.id)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected()))?;
    log(
        &mut tx,
        actor,
        event.space_id,
        "meeting.action_status",
        event.id,
        serde_json::json!({ "item": item.id, "status": status.as_str() }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The accounts that administer an organisation: id, e-mail, name and language.
async fn organization_admin_accounts(
    tx: &mut Tx,
    organization: i64,
) -> Result<Vec<(UserId, String, String, Lang)>, StoreError> {
    let rows = organizations::admin_accounts(tx, OrganizationId(organization)).await?;
    Ok(rows
        .into_iter()
        .map(|(id, email, name, language)| {
            let lang = language
                .as_deref()
                .and_then(Lang::from_tag)
                .unwrap_or(Lang::En);
            (id, email, name, lang)
        })
        .collect())
}

/// The bare address of a sender written `Name <address>` or as an address.
fn bare_address(from: &str) -> String {
    match (from.find('<'), from.rfind('>')) {
        (Some(open), Some(close)) if open < close => from[open + 1..close].trim().to_owned(),
        _ => from.trim().to_owned(),
    }
}

/// Invites organisations to an event (a meeting series, usually): each organisation's admins
/// get an e-mail with an iCalendar invitation (METHOD:REQUEST) their calendar program can
/// accept, and an in-app notification; all in the transaction that records the invitation.
pub async fn invite(
    state: &AppState,
    context: &SpaceContext,
    actor: &User,
    event: &EventRow,
    organizations: &[i64],
    event_url: &str,
) -> Result<usize, ServiceError> {
    if !service::may_edit(state, context, event).await? {
        return Err(ServiceError::Forbidden);
    }
    if organizations.is_empty() {
        return Err(Invalid::one("organizations", "error-organizer-required").into());
    }
    if !store::unknown_organizations(&state.db, organizations)
        .await?
        .is_empty()
    {
        return Err(Invalid::one("organizations", "error-unknown-organizer").into());
    }
    // The event page names the invited organisations: only those its readers may see.
    let nearby = service::nearby(state, context).await?;
    let allowed =
        store::allowed_organizers(&state.db, SpaceId(event.space_id), &nearby, organizations)
            .await?;
    if organizations.iter().any(|o| !allowed.contains(o)) {
        return Err(Invalid::one("organizations", "error-organizer-not-listed").into());
    }
    let details = store::details(&state.db, &[event.id]).await?;
    let organizer_email = bare_address(&state.config.mail.from);
    let rule = event.rule();
    let first = store::series(event, rule.as_ref(), &details)
        .occurrences(
            Utc::now() - chrono::Duration::days(1),
            Utc::now() + chrono::Duration::days(800),
        )
        .into_iter()
        .find(|o| !o.cancelled);
    let mut sent = 0;
    let mut tx = state.db.begin().await?;
    for organization in organizations {
        with_tx!(tx, |conn| sqlx::query(
            "INSERT INTO calendar_invitations (event_id, organization_id, invited_by, created_at)
             VALUES ($1, $2, $3, $4) ON CONFLICT (event_id, organization_id) DO NOTHING"
        )
        .bind(event.id)
        .bind(organization)
        .bind(actor.id().0)
        .bind(now())
        .execute(&mut *conn)
        .await
        .map(|r| r.rows_affected()))?;
        for (user, email, name, lang) in organization_admin_accounts(&mut tx, *organization).await?
        {
            let l = Localizer::new(state.i18n.clone(), lang);
            let attendee = crate::ics::Attendee {
                email: email.clone(),
                name: name.clone(),
            };
            let ics =
                crate::ics::invitation(event, &details, &organizer_email, &attendee, event_url);
            let when = first
                .as_ref()
                .map(|o| {
                    format!(
                        "{} {}",
                        store::local_text(o.local_start).replace('T', " "),
                        event.time_zone
                    )
                })
                .unwrap_or_default();
            let args = [
                ("event", event.title.clone()),
                ("when", when),
                ("place", event.place()),
                ("url", event_url.to_owned()),
            ];
            outbox::enqueue(
                &mut tx,
                &OutgoingMail {
                    to: email.clone(),
                    to_name: Some(name.clone()).filter(|n| !n.is_empty()),
                    subject: l.targs("mail-invitation-subject", &args),
                    text_body: l.targs("mail-invitation-body", &args),
                    html_body: None,
                    calendar: Some(CalendarPart {
                        method: "REQUEST".to_owned(),
                        ics,
                    }),
                },
            )
            .await?;
            notifications::notify(
                &mut tx,
                user,
                "notify-event-invited",
                serde_json::json!({ "event": event.title }),
                event_url,
            )
            .await?;
            sent += 1;
        }
    }
    log(
        &mut tx,
        actor,
        event.space_id,
        "event.invite",
        event.id,
        serde_json::json!({ "organizations": organizations }),
    )
    .await?;
    tx.commit().await?;
    state.mail.wake();
    Ok(sent)
}
