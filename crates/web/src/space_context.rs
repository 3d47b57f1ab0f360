//! The space a request is about, with the reader's role in it: loaded once per request from the
//! `{slug}` path segment, shared by the platform's space pages and every component. It is read
//! in one statement (the space with its ancestors and the reader's memberships along them, its
//! enabled components and its member count) and carries the spaces below it that the reader
//! may see, read once when first asked for.

use crate::context::Viewer;
use crate::error::{ApiError, PageError};
use crate::i18n::Localizer;
use crate::AppState;
use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use cospace_core::permissions::{space_allows, Role, SpaceAction};
use cospace_core::space::Visibility;
use cospace_core::visibility::Onlooker;
use cospace_core::SpaceId;
use cospace_store::spaces::{self, Placed, Space};
use cospace_store::{Db, StoreError};
use std::sync::Arc;
use tokio::sync::OnceCell;

#[derive(Clone, Debug)]
pub struct SpaceContext {
    pub space: Space,
    /// The visible spaces from the root down to this one (inclusive), for breadcrumbs.
    pub trail: Vec<Space>,
    pub role: Role,
    /// Keys of the components enabled here.
    pub enabled: Vec<String>,
    /// How many members the space has.
    pub member_count: i64,
    pub viewer: Viewer,
    /// The space and the spaces below it that the reader may see, once asked for; shared by
    /// the clones of this context within one request and gone with it, so no other request
    /// (or node) can be served a stale answer.
    subtree: Arc<OnceCell<Vec<SpaceId>>>,
}

/// A link in a space's navigation.
#[derive(Clone, Debug)]
pub struct NavItem {
    pub href: String,
    pub label: String,
    pub current: bool,
}

impl SpaceContext {
    /// Loads the space `slug` as `viewer` sees it. A space the viewer may not see is reported
    /// as not found, so private spaces do not reveal that they exist.
    pub async fn load(db: &Db, viewer: &Viewer, slug: &str) -> Result<SpaceContext, PageError> {
        match spaces::placed_by_slug(db, slug, &viewer.onlooker()).await {
            Ok(placed) => Ok(SpaceContext::from_placed(placed, viewer)),
            Err(StoreError::NotFound) => Err(PageError::NotFound),
            Err(other) => Err(other.into()),
        }
    }

    /// [`SpaceContext::load`] with the spaces right below this one that the viewer may see,
    /// in the same statement: for the space's home page.
    pub async fn load_with_children(
        db: &Db,
        viewer: &Viewer,
        slug: &str,
    ) -> Result<(SpaceContext, Vec<Space>), PageError> {
        match spaces::placed_with_children(db, slug, &viewer.onlooker()).await {
            Ok((placed, children)) => Ok((SpaceContext::from_placed(placed, viewer), children)),
            Err(StoreError::NotFound) => Err(PageError::NotFound),
            Err(other) => Err(other.into()),
        }
    }

    fn from_placed(placed: Placed, viewer: &Viewer) -> SpaceContext {
        let Placed {
            space,
            trail,
            role,
            enabled,
            member_count,
        } = placed;
        SpaceContext {
            space,
            trail,
            role,
            enabled,
            member_count,
            viewer: viewer.clone(),
            subtree: Arc::default(),
        }
    }

    /// The reader as the visibility rule knows them.
    pub fn onlooker(&self) -> Onlooker {
        self.viewer.onlooker()
    }

    /// This space and every space below it that the reader may see: what a page about the
    /// space covers (a city's map and calendar include its neighbourhoods'). One query, at most
    /// once per request.
    pub async fn visible_subtree(&self, db: &Db) -> Result<Vec<SpaceId>, StoreError> {
        let onlooker = self.onlooker();
        self.subtree
            .get_or_try_init(|| spaces::visible_subtree(db, self.space.id(), &onlooker))
            .await
            .cloned()
    }

    pub fn allows(&self, action: SpaceAction) -> bool {
        space_allows(self.role, self.space.visibility(), action)
    }

    /// `Ok` when the reader may do `action`; otherwise asks an anonymous reader to sign in and
    /// tells a signed-in one they may not.
    pub fn require(&self, action: SpaceAction) -> Result<(), PageError> {
        self.require_that(self.allows(action), &format!("/spaces/{}", self.space.slug))
    }

    /// The same answer for a rule decided elsewhere (a component's permission function):
    /// `Ok` when `allowed`, otherwise sign in (then back to `next`) or forbidden.
    pub fn require_that(&self, allowed: bool, next: &str) -> Result<(), PageError> {
        if allowed {
            Ok(())
        } else if self.viewer.signed_in() {
            Err(PageError::Forbidden)
        } else {
            Err(PageError::SignInRequired {
                next: next.to_owned(),
            })
        }
    }

    /// The API's answer: `Ok` when `allowed`, otherwise 401 without a token and 403 with one.
    pub fn require_api(&self, allowed: bool) -> Result<(), ApiError> {
        if allowed {
            Ok(())
        } else if self.viewer.signed_in() {
            Err(ApiError::Forbidden)
        } else {
            Err(ApiError::Unauthorized)
        }
    }

    /// The signed-in reader, or a request to sign in and come back to `next`.
    pub fn signed_in_user(&self, next: &str) -> Result<cospace_store::accounts::User, PageError> {
        self.viewer
            .user
            .clone()
            .ok_or_else(|| PageError::SignInRequired {
                next: next.to_owned(),
            })
    }

    pub fn is_enabled(&self, component: &str) -> bool {
        self.enabled.iter().any(|c| c == component)
    }

    pub fn is_private(&self) -> bool {
        self.space.visibility() == Visibility::Private
    }

    /// The space's navigation: its home, each enabled component, and the admin pages for those
    /// who may use them. `current` is the path being shown.
    pub fn nav(&self, state: &AppState, l: &Localizer, current: &str) -> Vec<NavItem> {
        let base = format!("/spaces/{}", self.space.slug);
        let mut items = vec![NavItem {
            href: base.clone(),
            label: l.t("space-nav-home"),
            current: current == base,
        }];
        for component in state.registry.all() {
            if self.is_enabled(component.key) {
                let href = format!("{base}/{}", component.key);
                items.push(NavItem {
                    current: current == href || current.starts_with(&format!("{href}/")),
                    href,
                    label: l.t(component.name_key),
                });
            }
        }
        if self.allows(SpaceAction::Edit) {
            let href = format!("{base}/admin");
            items.push(NavItem {
                current: current.starts_with(&href) || current == format!("{base}/edit"),
                href,
                label: l.t("space-nav-admin"),
            });
        }
        items
    }
}

/// The viewer's role in `space` (a space other than the request's, such as the target of a
/// move); the request's own space carries it in [`SpaceContext::role`].
pub async fn role_in(db: &Db, viewer: &Viewer, space: &Space) -> Result<Role, PageError> {
    let user = viewer.user.as_ref().map(|u| (u.id(), u.is_platform_admin));
    Ok(spaces::standing(db, user, space.id()).await?.role())
}

impl FromRequestParts<AppState> for SpaceContext {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(context) = parts.extensions.get::<SpaceContext>() {
            return Ok(context.clone());
        }
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|_| PageError::NotFound)?;
        let slug = params
            .iter()
            .find(|(name, _)| *name == "slug")
            .map(|(_, value)| value.to_owned())
            .ok_or(PageError::NotFound)?;
        let viewer = parts
            .extensions
            .get::<Viewer>()
            .cloned()
            .unwrap_or_default();
        let context = SpaceContext::load(&state.db, &viewer, &slug).await?;
        parts.extensions.insert(context.clone());
        Ok(context)
    }
}
