//! Organisations as this component names them: thin wrappers over the platform's typed API
//! (`cospace_store::organizations`), keeping the ids the component's pages, exports and demo
//! data pass around.

use cospace_core::stakeholders::OrganizationDraft;
use cospace_core::{OrganizationId, SpaceId, UserId};
use cospace_store::organizations;
use cospace_store::{Db, StoreError, Tx};

pub use cospace_core::ListingStatus as LinkStatus;
pub use cospace_store::organizations::{ListedOrganization, Organization, ORG_COLUMNS};

pub async fn create_organization(
    tx: &mut Tx,
    draft: &OrganizationDraft,
    created_by: Option<UserId>,
) -> Result<i64, StoreError> {
    Ok(organizations::create(tx, draft, created_by).await?.0)
}

pub async fn update_organization(
    tx: &mut Tx,
    id: i64,
    draft: &OrganizationDraft,
) -> Result<(), StoreError> {
    organizations::update(tx, OrganizationId(id), draft).await
}

pub async fn organization(db: &Db, id: i64) -> Result<Organization, StoreError> {
    organizations::get(db, OrganizationId(id)).await
}

/// Lists `organization` in `space` (or changes its status there).
pub async fn link_organization(
    tx: &mut Tx,
    organization: i64,
    space: SpaceId,
    status: LinkStatus,
) -> Result<(), StoreError> {
    organizations::list_in(tx, OrganizationId(organization), space, status).await
}

/// The status of `organization` in `space`, if it is listed there.
pub async fn link_status(
    db: &Db,
    organization: i64,
    space: SpaceId,
) -> Result<Option<LinkStatus>, StoreError> {
    organizations::listing_status(db, OrganizationId(organization), space).await
}

/// Organisations listed in any of `spaces`; pending ones only when asked for.
pub async fn organizations_in(
    db: &Db,
    spaces: &[SpaceId],
    include_pending: bool,
) -> Result<Vec<ListedOrganization>, StoreError> {
    organizations::listed_in(db, spaces, include_pending).await
}

/// A page of the organisations listed in `spaces`, by id (see
/// [`organizations::listed_page`]).
pub async fn organizations_page(
    db: &Db,
    spaces: &[SpaceId],
    include_pending: bool,
    after: i64,
    limit: i64,
) -> Result<Vec<ListedOrganization>, StoreError> {
    organizations::listed_page(db, spaces, include_pending, after, limit).await
}

/// The spaces among `spaces` that list at least one approved organisation.
pub async fn listed_spaces(db: &Db, spaces: &[SpaceId]) -> Result<Vec<i64>, StoreError> {
    Ok(organizations::spaces_with_listings(db, spaces)
        .await?
        .into_iter()
        .map(|s| s.0)
        .collect())
}

pub async fn add_organization_admin(
    tx: &mut Tx,
    organization: i64,
    user: UserId,
) -> Result<(), StoreError> {
    organizations::add_admin(tx, OrganizationId(organization), user).await
}

pub async fn organization_admins(db: &Db, organization: i64) -> Result<Vec<UserId>, StoreError> {
    organizations::admins(db, OrganizationId(organization)).await
}

pub async fn is_organization_admin(
    db: &Db,
    organization: i64,
    user: UserId,
) -> Result<bool, StoreError> {
    organizations::is_admin(db, OrganizationId(organization), user).await
}
