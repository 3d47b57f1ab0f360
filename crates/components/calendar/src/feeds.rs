//! Personal iCalendar feeds: everything the organisations a person administers organise or are
//! invited to, in the spaces that person may read, at `/calendar/feeds/{secret}.ics`. Calendar
//! programs cannot sign in, so the URL carries a secret (only its hash is stored); making a new
//! one revokes the old.

use crate::ics::{self, Method};
use crate::store::{self, EventRow};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::{Duration, Utc};
use cospace_core::UserId;
use cospace_store::secrets::{hash_token, random_token};
use cospace_store::{accounts, now, with_db, with_tx, Db, StoreError};
use cospace_web::context::Viewer;
use cospace_web::error::PageError;
use cospace_web::kit::SpaceHeader;
use cospace_web::pages::{render, Page};
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;
use std::collections::HashSet;

/// The prefix of feed secrets, so a leaked one is recognisable.
const PREFIX: &str = "cospace_feed_";

async fn user_of(db: &Db, token: &str) -> Result<Option<UserId>, StoreError> {
    let id: Option<i64> = with_db!(db, |pool| sqlx::query_scalar(
        "SELECT user_id FROM calendar_feed_tokens WHERE token_hash = $1"
    )
    .bind(hash_token(token))
    .fetch_optional(pool)
    .await)?;
    Ok(id.map(UserId))
}

/// A new secret for `user`'s feed; the old one stops working.
pub async fn renew(state: &AppState, user: UserId) -> Result<String, StoreError> {
    let token = random_token(PREFIX)?;
    let mut tx = state.db.begin().await?;
    with_tx!(tx, |conn| {
        sqlx::query(
        "INSERT INTO calendar_feed_tokens (user_id, token_hash, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at"
    )
    .bind(user.0)
    .bind(hash_token(&token))
    .bind(now())
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected())
    })?;
    tx.commit().await?;
    Ok(token)
}

/// The events of `user`'s organisations (organising or invited) in the spaces they may read.
pub async fn events_for(state: &AppState, user: UserId) -> Result<Vec<EventRow>, StoreError> {
    let account = accounts::user_by_id(&state.db, user).await?;
    let viewer = Viewer {
        user: Some(account),
        ..Viewer::default()
    };
    let readable = cospace_web::kit::visible_space_ids(&state.db, &viewer).await?;
    let mut ids = HashSet::new();
    let mut events = Vec::new();
    let from = (Utc::now() - Duration::days(400)).timestamp();
    for organization in store::administered_organizations(&state.db, user).await? {
        let invited: Vec<i64> = with_db!(&state.db, |pool| sqlx::query_scalar(
            "SELECT event_id FROM calendar_invitations WHERE organization_id = $1"
        )
        .bind(organization.id)
        .fetch_all(pool)
        .await)?;
        let mut rows = store::events_of_organization(&state.db, organization.id).await?;
        for id in invited {
            if let Ok(row) = store::event(&state.db, id).await {
                rows.push(row);
            }
        }
        for row in rows {
            if readable.contains(&row.space_id)
                && row.ends_at.is_none_or(|end| end > from)
                && ids.insert(row.id)
            {
                events.push(row);
            }
        }
    }
    events.sort_by_key(|e| (e.starts_at, e.id));
    crate::lookups::attach(state, &mut events).await?;
    Ok(events)
}

/// `GET /calendar/feeds/{secret}.ics`
pub async fn personal_feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let token = file.strip_suffix(".ics").unwrap_or(&file);
    if !token.starts_with(PREFIX) {
        return Err(PageError::NotFound);
    }
    let user = user_of(&state.db, token)
        .await?
        .ok_or(PageError::NotFound)?;
    let account = accounts::user_by_id(&state.db, user).await?;
    let events = events_for(&state, user).await?;
    let ids: Vec<i64> = events.iter().map(|e| e.id).collect();
    let details = store::details(&state.db, &ids).await?;
    let slugs = ics::slugs(&state, events.iter().map(|e| e.space_id)).await?;
    let host = state.config.public_url.clone();
    let url = |e: &EventRow| ics::event_url(&host, &slugs, e);
    let name = format!("cospace · {}", account.display_name);
    let body = ics::calendar(&name, &events, &details, Method::Publish, &url);
    Ok(ics::ics_response(&headers, body, "cospace.ics"))
}

#[derive(Template)]
#[template(path = "my_feed.html")]
struct MyFeedTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    url: String,
}

/// `POST /spaces/{slug}/calendar/my-feed`: makes (or renews) the reader's personal feed and
/// shows its address once.
pub async fn make_feed(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
) -> Result<Response, PageError> {
    let base = crate::pages::base(&context);
    let user = context.signed_in_user(&base)?;
    let token = renew(&state, user.id()).await?;
    render(&MyFeedTemplate {
        header: SpaceHeader::new(&state, &page, &context),
        url: state.absolute_url(&format!("/calendar/feeds/{token}.ics")),
        base,
        page,
    })
}
