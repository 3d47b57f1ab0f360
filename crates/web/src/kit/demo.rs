//! What a component's demo seed is given: the demo world the platform made — its admin and
//! spaces — and how to act in a space as that admin, through the same use cases people use.

use crate::context::Viewer;
use crate::error::ServiceError;
use crate::space_context::SpaceContext;
use cospace_store::accounts::User;
use cospace_store::spaces::{self, Space};
use cospace_store::{Db, StoreError};

/// The demo world as the platform's seed left it.
#[derive(Debug, Clone)]
pub struct DemoWorld {
    /// The platform admin every seed acts as.
    pub admin: User,
    /// Where the demo is served: the start of links in the mail it sends.
    pub base_url: String,
}

impl DemoWorld {
    /// The admin as a signed-in reader.
    pub fn viewer(&self) -> Viewer {
        Viewer {
            user: Some(self.admin.clone()),
            ..Viewer::default()
        }
    }

    /// The space `slug`, when the demo made it.
    pub async fn space(&self, db: &Db, slug: &str) -> Result<Option<Space>, StoreError> {
        match spaces::space_by_slug(db, slug).await {
            Ok(space) => Ok(Some(space)),
            Err(StoreError::NotFound) => Ok(None),
            Err(other) => Err(other),
        }
    }

    /// The space `slug` as the admin sees it, to call a component's use cases with.
    pub async fn context(&self, db: &Db, slug: &str) -> Result<SpaceContext, ServiceError> {
        SpaceContext::load(db, &self.viewer(), slug)
            .await
            .map_err(|e| ServiceError::Store(StoreError::Internal(format!("demo {slug}: {e}"))))
    }
}

/// A seed's failure with what it was doing: `.map_err(demo::failed("calendar"))`.
pub fn failed<E: std::fmt::Display>(what: &'static str) -> impl Fn(E) -> ServiceError {
    move |error| ServiceError::Store(StoreError::Internal(format!("demo {what}: {error}")))
}
