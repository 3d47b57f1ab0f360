//! The HTML pages of the stakeholders component. Each handler parses, authorises through
//! `permissions`/`service`, calls one use case and renders; forms re-render with their errors.

use crate::listing;
use crate::permissions::{self, Action};
use crate::service::{self, Decision, ServiceError, Suggestion};
use crate::store::{self, Item, ItemType, LinkStatus};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use cospace_core::stakeholders::{
    ContactDraft, ContactInput, ItemDraft, ItemInput, Kind, Level, NeedStatus, OrganizationDraft,
    OrganizationInput, Sector, Urgency,
};
use cospace_core::synergy::Reason;
use cospace_core::{text, Invalid, Lang, SpaceId};
use cospace_store::accounts::User;
use cospace_store::StoreError;
use cospace_web::error::PageError;
use cospace_web::i18n::Localizer;
use cospace_web::pages::{redirect_with_flash, render, render_form, FormErrors, Page};
use cospace_web::platform::spaces::SpaceHeader;
use cospace_web::platform::FormData;
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;
use serde::Deserialize;
use std::collections::HashMap;

fn signed_in(context: &SpaceContext, here: &str) -> Result<User, PageError> {
    context.signed_in_user(here)
}

/// The component's permission check as a page answers it.
pub(crate) fn require(context: &SpaceContext, action: Action, here: &str) -> Result<(), PageError> {
    context.require_that(
        permissions::allows(context.role, context.space.visibility(), action),
        here,
    )
}

fn base(context: &SpaceContext) -> String {
    format!("/spaces/{}/stakeholders", context.space.slug)
}

/// A reason for a suggestion, in words.
pub fn reason_text(l: &Localizer, reason: &Reason) -> String {
    match reason {
        Reason::SameKind { kind } => l.ta("reason-same-kind", "kind", &l.t(&kind.label_key())),
        Reason::RelatedKind { offer, .. } => {
            l.ta("reason-related-kind", "kind", &l.t(&offer.label_key()))
        }
        Reason::Distance { meters } => {
            if *meters < 1000 {
                l.ta("reason-distance-m", "meters", &meters.to_string())
            } else {
                l.ta(
                    "reason-distance-km",
                    "km",
                    &format!("{:.1}", f64::from(*meters) / 1000.0),
                )
            }
        }
        Reason::CommonWords { words } => l.ta("reason-common-words", "words", &words.join(", ")),
        Reason::CapacityFits { capacity, needed } => l.targs(
            "reason-capacity-fits",
            &[
                ("capacity", capacity.to_string()),
                ("needed", needed.to_string()),
            ],
        ),
        Reason::CapacityShort { capacity, needed } => l.targs(
            "reason-capacity-short",
            &[
                ("capacity", capacity.to_string()),
                ("needed", needed.to_string()),
            ],
        ),
    }
}

/// A resource or need as lists show it.
pub struct ItemRow {
    pub id: i64,
    pub href: String,
    pub title: String,
    pub kind: String,
    pub organization: String,
    pub organization_href: String,
    pub detail: String,
    pub urgent: bool,
    pub open: bool,
}

fn item_row(page: &Page, base: &str, item: &Item, item_type: ItemType) -> ItemRow {
    let detail = match item_type {
        ItemType::Resource => {
            let mut parts = Vec::new();
            if let Some(capacity) = item.capacity {
                parts.push(page.l.ta("capacity-of", "n", &capacity.to_string()));
            }
            if !item.availability.is_empty() {
                parts.push(item.availability.clone());
            }
            parts.join(" · ")
        }
        ItemType::Need => {
            let urgency = Urgency::parse(&item.urgency).unwrap_or(Urgency::Medium);
            let status = NeedStatus::parse(&item.status).unwrap_or(NeedStatus::Open);
            format!(
                "{} · {}",
                page.t(&urgency.label_key()),
                page.t(&status.label_key())
            )
        }
    };
    ItemRow {
        id: item.id,
        href: format!("{base}/{}s/{}", item_type.as_str(), item.id),
        title: item.title.clone(),
        kind: page.t(&item.kind().label_key()),
        organization: item.organization_name.clone(),
        organization_href: format!("{base}/organizations/{}", item.organization_id),
        detail,
        urgent: matches!(item.urgency.as_str(), "high" | "critical"),
        open: item_type == ItemType::Resource || item.is_open(),
    }
}

/// An organisation as lists show it.
pub struct OrgRow {
    pub href: String,
    pub name: String,
    pub sector: String,
    pub address: String,
    pub pending: bool,
    pub id: i64,
}

#[derive(Deserialize, Default)]
pub struct DirectoryQuery {
    #[serde(default)]
    sector: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    show: String,
    #[serde(default)]
    page: Option<i64>,
}

/// Options of a filter select: (value, label, selected).
type Options = Vec<(String, String, bool)>;

fn options<T: Copy>(
    page: &Page,
    all: &[T],
    value: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> String,
    selected: &str,
) -> Options {
    all.iter()
        .map(|v| {
            let code = value(*v);
            (code.to_owned(), page.t(&label(*v)), code == selected)
        })
        .collect()
}

/// One section of the directory (organisations, resources or needs), paged.
pub struct Section<T> {
    pub rows: Vec<T>,
    pub total: i64,
    /// Link to this section alone, when it has more than is shown.
    pub more: Option<String>,
}

impl<T> Section<T> {
    fn empty() -> Self {
        Section {
            rows: Vec::new(),
            total: 0,
            more: None,
        }
    }
}

/// Rows per page when one section is shown; a preview of each when all are.
const PER_PAGE: i64 = 50;
const PREVIEW: i64 = 10;

#[derive(Template)]
#[template(path = "directory.html")]
struct DirectoryTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    slug: String,
    organizations: Section<OrgRow>,
    resources: Section<ItemRow>,
    needs: Section<ItemRow>,
    sectors: Options,
    kinds: Options,
    show: String,
    can_add: bool,
    can_manage: bool,
    previous_page: Option<String>,
    next_page: Option<String>,
    page_label: String,
}

pub async fn directory(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Query(query): Query<DirectoryQuery>,
) -> Result<Response, PageError> {
    let base = base(&context);
    require(&context, Action::Read, &base)?;
    let scope = service::scope(&state, &context).await?;
    let manage = permissions::allows(context.role, context.space.visibility(), Action::Manage);
    let sector = Sector::parse(&query.sector).ok();
    let kind = Kind::parse(&query.kind).ok();
    let show = match query.show.as_str() {
        "organizations" | "resources" | "needs" => query.show.clone(),
        _ => "all".to_owned(),
    };
    let single = show != "all";
    let number = query.page.unwrap_or(1).max(1);
    let (limit, offset) = if single {
        (PER_PAGE, (number - 1) * PER_PAGE)
    } else {
        (PREVIEW, 0)
    };
    let link = |section: &str, page_number: i64| {
        let mut url = format!(
            "{base}?show={section}&sector={}&kind={}",
            query.sector, query.kind
        );
        if page_number > 1 {
            url.push_str(&format!("&page={page_number}"));
        }
        url
    };
    let wants = |section: &str| show == "all" || show == section;
    let organizations = if wants("organizations") {
        let listed =
            listing::organizations(&state.db, &scope, manage, sector, limit, offset).await?;
        Section {
            more: (!single && listed.total > PREVIEW).then(|| link("organizations", 1)),
            total: listed.total,
            rows: listed
                .rows
                .iter()
                .map(|l| {
                    let org = &l.organization;
                    OrgRow {
                        href: format!("{base}/organizations/{}", org.id),
                        name: org.name.clone(),
                        sector: page.t(&Sector::parse(&org.sector)
                            .map(|s| s.label_key())
                            .unwrap_or_default()),
                        address: org.address.clone(),
                        pending: l.status == "pending",
                        id: org.id,
                    }
                })
                .collect(),
        }
    } else {
        Section::empty()
    };
    let mut sections = Vec::new();
    for (item_type, section, status) in [
        (ItemType::Resource, "resources", None),
        (ItemType::Need, "needs", Some(NeedStatus::Open)),
    ] {
        sections.push(if wants(section) {
            let found =
                listing::items(&state.db, item_type, &scope, kind, status, limit, offset).await?;
            Section {
                more: (!single && found.total > PREVIEW).then(|| link(section, 1)),
                total: found.total,
                rows: found
                    .rows
                    .iter()
                    .map(|i| item_row(&page, &base, i, item_type))
                    .collect(),
            }
        } else {
            Section::empty()
        });
    }
    let needs = sections.pop().unwrap_or_else(Section::empty);
    let resources = sections.pop().unwrap_or_else(Section::empty);
    let total = organizations.total.max(resources.total).max(needs.total);
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    let (previous_page, next_page) = if single {
        (
            (number > 1).then(|| link(&show, number - 1)),
            (number < pages).then(|| link(&show, number + 1)),
        )
    } else {
        (None, None)
    };
    render(&DirectoryTemplate {
        header: SpaceHeader::new(&state, &page, &context),
        sectors: options(
            &page,
            Sector::ALL,
            Sector::as_str,
            Sector::label_key,
            &query.sector,
        ),
        kinds: options(&page, Kind::ALL, Kind::as_str, Kind::label_key, &query.kind),
        page_label: page.l.targs(
            "directory-page",
            &[("page", number.to_string()), ("pages", pages.to_string())],
        ),
        show,
        can_add: permissions::allows(context.role, context.space.visibility(), Action::Register),
        can_manage: manage,
        slug: context.space.slug.clone(),
        base,
        organizations,
        resources,
        needs,
        previous_page,
        next_page,
        page,
    })
}

/// The values an organisation form shows.
pub struct OrgFormValues {
    pub name: String,
    pub sector: String,
    pub level: String,
    pub description: String,
    pub website: String,
    pub languages: Vec<String>,
    pub sdg_targets: String,
    pub address: String,
    pub lat: String,
    pub lon: String,
}

impl OrgFormValues {
    fn from_input(input: &OrganizationInput) -> Self {
        Self {
            name: input.name.clone(),
            sector: input.sector.clone(),
            level: input.level.clone(),
            description: input.description.clone(),
            website: input.website.clone(),
            languages: input.languages.clone(),
            sdg_targets: input.sdg_targets.clone(),
            address: input.address.clone(),
            lat: input.lat.clone(),
            lon: input.lon.clone(),
        }
    }

    fn from_org(org: &store::Organization) -> Self {
        Self {
            name: org.name.clone(),
            sector: org.sector.clone(),
            level: org.level.clone().unwrap_or_default(),
            description: org.description.clone(),
            website: org.website.clone().unwrap_or_default(),
            languages: org.languages.split(',').map(str::to_owned).collect(),
            sdg_targets: org.sdg_targets.replace(',', ", "),
            address: org.address.clone(),
            lat: org.lat.map(|v| v.to_string()).unwrap_or_default(),
            lon: org.lon.map(|v| v.to_string()).unwrap_or_default(),
        }
    }

    pub fn has_language(&self, code: &&str) -> bool {
        self.languages.iter().any(|l| l == code)
    }
}

fn organization_input(form: &FormData) -> OrganizationInput {
    OrganizationInput {
        name: form.get("name").to_owned(),
        sector: form.get("sector").to_owned(),
        level: form.get("level").to_owned(),
        description: form.get("description").to_owned(),
        website: form.get("website").to_owned(),
        languages: form.all("languages"),
        sdg_targets: form.get("sdg_targets").to_owned(),
        address: form.get("address").to_owned(),
        lat: form.get("lat").to_owned(),
        lon: form.get("lon").to_owned(),
    }
}

#[derive(Template)]
#[template(path = "organization_form.html")]
struct OrgFormTemplate {
    page: Page,
    header: SpaceHeader,
    heading: String,
    action: String,
    values: OrgFormValues,
    errors: FormErrors,
    sectors: Options,
    levels: Options,
    languages: Vec<(&'static str, &'static str)>,
    registering: bool,
}

fn org_form(
    state: &AppState,
    page: Page,
    context: &SpaceContext,
    heading_key: &str,
    action: String,
    values: OrgFormValues,
    errors: Invalid,
) -> Result<Response, PageError> {
    let invalid = !errors.is_empty();
    let template = OrgFormTemplate {
        header: SpaceHeader::new(state, &page, context),
        heading: page.t(heading_key),
        action,
        sectors: options(
            &page,
            Sector::ALL,
            Sector::as_str,
            Sector::label_key,
            &values.sector,
        ),
        levels: options(
            &page,
            Level::ALL,
            Level::as_str,
            Level::label_key,
            &values.level,
        ),
        languages: Lang::ALL.iter().map(|l| (l.code(), l.endonym())).collect(),
        registering: !permissions::allows(context.role, context.space.visibility(), Action::Manage),
        values,
        errors: FormErrors(errors),
        page,
    };
    render_form(&template, invalid)
}

pub async fn new_organization_form(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
) -> Result<Response, PageError> {
    let action = format!("{}/organizations/new", base(&context));
    require(&context, Action::Register, &action)?;
    let values = OrgFormValues::from_input(&OrganizationInput {
        languages: vec![page.l.lang().code().to_owned()],
        ..Default::default()
    });
    org_form(
        &state,
        page,
        &context,
        "organization-new",
        action,
        values,
        Invalid::default(),
    )
}

pub async fn create_organization(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    form: FormData,
) -> Result<Response, PageError> {
    let action = format!("{}/organizations/new", base(&context));
    require(&context, Action::Register, &action)?;
    let actor = signed_in(&context, &action)?;
    let input = organization_input(&form);
    let draft = match OrganizationDraft::parse(&input) {
        Ok(draft) => draft,
        Err(invalid) => {
            return org_form(
                &state,
                page,
                &context,
                "organization-new",
                action,
                OrgFormValues::from_input(&input),
                invalid,
            )
        }
    };
    let (id, status) = service::add_organization(&state, &context, &actor, &draft).await?;
    let flash = match status {
        LinkStatus::Approved => "flash-organization-added",
        LinkStatus::Pending => "flash-organization-registered",
    };
    Ok(redirect_with_flash(
        &state,
        &format!("{}/organizations/{id}", base(&context)),
        flash,
    ))
}

/// A contact as the organisation page shows it.
pub struct ContactRow {
    pub id: i64,
    pub person: String,
    pub role: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub visibility: String,
}

#[derive(Template)]
#[template(path = "organization.html")]
struct OrganizationTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    org: store::Organization,
    sector: String,
    level: Option<String>,
    languages: String,
    pending: bool,
    contacts: Vec<ContactRow>,
    resources: Vec<ItemRow>,
    needs: Vec<ItemRow>,
    can_edit: bool,
    can_approve: bool,
    errors: FormErrors,
    /// Which form the errors belong to: "contact", "resource" or "need".
    failed_form: String,
    values: ItemInput,
    contact_values: ContactInput,
    kinds: Options,
    urgencies: Options,
    visibilities: Options,
    /// Other spaces the reader administers, to list the organisation there too.
    elsewhere: Vec<(String, String)>,
}

/// A form of the organisation page that failed, to show again with its errors.
#[derive(Default)]
struct FailedForm {
    /// "contact", "resource" or "need".
    which: &'static str,
    errors: Invalid,
    item: ItemInput,
    contact: ContactInput,
}

async fn organization_page(
    state: &AppState,
    page: Page,
    context: &SpaceContext,
    id: i64,
    failed: FailedForm,
) -> Result<Response, PageError> {
    let FailedForm {
        which: failed_form,
        errors,
        item: values,
        contact: contact_values,
    } = failed;
    let (org, status) = service::listed_organization(state, context, id).await?;
    let can_edit = service::may_edit(state, context, id).await?;
    let reader = service::contact_reader(state, context).await?;
    let contacts = store::contacts(&state.db, &[id], &reader)
        .await?
        .into_iter()
        .map(|c| ContactRow {
            id: c.id,
            person: c.person,
            role: c.role,
            email: c.email,
            phone: c.phone,
            visibility: page.t(&format!("contact-visibility-{}", c.visibility)),
        })
        .collect();
    let base = base(context);
    let resources = store::items_of(&state.db, ItemType::Resource, id)
        .await?
        .iter()
        .map(|i| item_row(&page, &base, i, ItemType::Resource))
        .collect();
    let needs = store::items_of(&state.db, ItemType::Need, id)
        .await?
        .iter()
        .map(|i| item_row(&page, &base, i, ItemType::Need))
        .collect();
    let elsewhere = match &context.viewer.user {
        Some(user) if status == LinkStatus::Approved && can_edit => {
            let listed: Vec<i64> = listing::organization_spaces(&state.db, id)
                .await?
                .iter()
                .map(|s| s.0)
                .collect();
            let all = cospace_store::spaces::all_spaces(&state.db).await?;
            service::administered_spaces(state, user, context.space.id())
                .await?
                .into_iter()
                .filter(|(slug, _)| {
                    all.iter()
                        .find(|s| &s.slug == slug)
                        .is_some_and(|s| !listed.contains(&s.id))
                })
                .collect()
        }
        _ => Vec::new(),
    };
    let invalid = !errors.is_empty();
    let template = OrganizationTemplate {
        elsewhere,
        header: SpaceHeader::new(state, &page, context),
        sector: page.t(&Sector::parse(&org.sector)
            .map(|s| s.label_key())
            .unwrap_or_default()),
        level: org
            .level
            .as_deref()
            .and_then(|l| Level::parse(l).ok())
            .map(|l| page.t(&l.label_key())),
        languages: org
            .languages
            .split(',')
            .filter_map(Lang::from_tag)
            .map(|l| l.endonym())
            .collect::<Vec<_>>()
            .join(", "),
        pending: status == LinkStatus::Pending,
        can_approve: status == LinkStatus::Pending
            && permissions::allows(context.role, context.space.visibility(), Action::Manage),
        kinds: options(
            &page,
            Kind::ALL,
            Kind::as_str,
            Kind::label_key,
            &values.kind,
        ),
        urgencies: options(
            &page,
            Urgency::ALL,
            Urgency::as_str,
            Urgency::label_key,
            if values.urgency.is_empty() {
                "medium"
            } else {
                &values.urgency
            },
        ),
        visibilities: options(
            &page,
            cospace_core::stakeholders::ContactVisibility::ALL,
            |v| v.as_str(),
            |v| v.label_key(),
            if contact_values.visibility.is_empty() {
                "members"
            } else {
                &contact_values.visibility
            },
        ),
        org,
        base,
        contacts,
        resources,
        needs,
        can_edit,
        errors: FormErrors(errors),
        failed_form: failed_form.to_owned(),
        values,
        contact_values,
        page,
    };
    render_form(&template, invalid)
}

pub async fn organization(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, PageError> {
    require(&context, Action::Read, &base(&context))?;
    organization_page(&state, page, &context, id, FailedForm::default()).await
}

pub async fn edit_organization_form(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, PageError> {
    let action = format!("{}/organizations/{id}/edit", base(&context));
    signed_in(&context, &action)?;
    let (org, _) = service::listed_organization(&state, &context, id).await?;
    if !service::may_edit(&state, &context, id).await? {
        return Err(PageError::Forbidden);
    }
    org_form(
        &state,
        page,
        &context,
        "organization-edit",
        action,
        OrgFormValues::from_org(&org),
        Invalid::default(),
    )
}

pub async fn edit_organization(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
    form: FormData,
) -> Result<Response, PageError> {
    let action = format!("{}/organizations/{id}/edit", base(&context));
    let actor = signed_in(&context, &action)?;
    let input = organization_input(&form);
    let draft = match OrganizationDraft::parse(&input) {
        Ok(draft) => draft,
        Err(invalid) => {
            service::listed_organization(&state, &context, id).await?;
            if !service::may_edit(&state, &context, id).await? {
                return Err(PageError::Forbidden);
            }
            return org_form(
                &state,
                page,
                &context,
                "organization-edit",
                action,
                OrgFormValues::from_input(&input),
                invalid,
            );
        }
    };
    service::edit_organization(&state, &context, &actor, id, &draft).await?;
    Ok(redirect_with_flash(
        &state,
        &format!("{}/organizations/{id}", base(&context)),
        "flash-organization-saved",
    ))
}

pub async fn list_elsewhere(
    State(state): State<AppState>,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
    form: FormData,
) -> Result<Response, PageError> {
    let actor = signed_in(&context, &base(&context))?;
    let target = form.get("space").to_owned();
    match service::list_elsewhere(&state, &context, &actor, id, &target).await {
        Ok(()) => Ok(redirect_with_flash(
            &state,
            &format!("/spaces/{target}/stakeholders/organizations/{id}"),
            "flash-organization-listed",
        )),
        Err(ServiceError::Invalid(_)) => Err(PageError::BadRequest("error-choice")),
        Err(other) => Err(other.into()),
    }
}

pub async fn approve_organization(
    State(state): State<AppState>,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, PageError> {
    let actor = signed_in(&context, &base(&context))?;
    service::approve_organization(&state, &context, &actor, id).await?;
    Ok(redirect_with_flash(
        &state,
        &format!("{}/organizations/{id}", base(&context)),
        "flash-organization-approved",
    ))
}

fn contact_input(form: &FormData) -> ContactInput {
    ContactInput {
        person: form.get("person").to_owned(),
        role: form.get("role").to_owned(),
        email: form.get("email").to_owned(),
        phone: form.get("phone").to_owned(),
        visibility: form.get("visibility").to_owned(),
    }
}

pub async fn add_contact(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
    form: FormData,
) -> Result<Response, PageError> {
    let actor = signed_in(&context, &base(&context))?;
    let input = contact_input(&form);
    match ContactDraft::parse(&input) {
        Ok(draft) => {
            service::add_contact(&state, &context, &actor, id, &draft).await?;
            Ok(redirect_with_flash(
                &state,
                &format!("{}/organizations/{id}#contacts", base(&context)),
                "flash-contact-added",
            ))
        }
        Err(invalid) => {
            if !service::may_edit(&state, &context, id).await? {
                return Err(PageError::Forbidden);
            }
            let failed = FailedForm {
                which: "contact",
                errors: invalid,
                contact: input,
                ..FailedForm::default()
            };
            organization_page(&state, page, &context, id, failed).await
        }
    }
}

pub async fn delete_contact(
    State(state): State<AppState>,
    context: SpaceContext,
    Path((_, id, contact)): Path<(String, i64, i64)>,
) -> Result<Response, PageError> {
    let actor = signed_in(&context, &base(&context))?;
    service::delete_contact(&state, &context, &actor, id, contact).await?;
    Ok(redirect_with_flash(
        &state,
        &format!("{}/organizations/{id}#contacts", base(&context)),
        "flash-contact-removed",
    ))
}

fn item_input(form: &FormData) -> ItemInput {
    ItemInput {
        kind: form.get("kind").to_owned(),
        title: form.get("title").to_owned(),
        description: form.get("description").to_owned(),
        capacity: form.get("capacity").to_owned(),
        availability: form.get("availability").to_owned(),
        urgency: form.get("urgency").to_owned(),
        address: form.get("address").to_owned(),
        lat: form.get("lat").to_owned(),
        lon: form.get("lon").to_owned(),
    }
}

async fn add_item(
    state: AppState,
    page: Page,
    context: SpaceContext,
    id: i64,
    form: FormData,
    item_type: ItemType,
) -> Result<Response, PageError> {
    let actor = signed_in(&context, &base(&context))?;
    let input = item_input(&form);
    let failed = |invalid: Invalid| async {
        if !service::may_edit(&state, &context, id).await? {
            return Err(PageError::Forbidden);
        }
        let failed = FailedForm {
            which: item_type.as_str(),
            errors: invalid,
            item: input.clone(),
            ..FailedForm::default()
        };
        organization_page(&state, page.clone(), &context, id, failed).await
    };
    let draft = match ItemDraft::parse(&input) {
        Ok(draft) => draft,
        Err(invalid) => return failed(invalid).await,
    };
    match service::add_item(&state, &context, &actor, item_type, id, &draft).await {
        Ok(item) => Ok(redirect_with_flash(
            &state,
            &format!("{}/{}s/{item}", base(&context), item_type.as_str()),
            match item_type {
                ItemType::Resource => "flash-resource-added",
                ItemType::Need => "flash-need-added",
            },
        )),
        Err(ServiceError::Invalid(invalid)) => failed(invalid).await,
        Err(other) => Err(other.into()),
    }
}

pub async fn add_resource(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
    form: FormData,
) -> Result<Response, PageError> {
    add_item(state, page, context, id, form, ItemType::Resource).await
}

pub async fn add_need(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
    form: FormData,
) -> Result<Response, PageError> {
    add_item(state, page, context, id, form, ItemType::Need).await
}

/// A suggestion as pages show it.
pub struct SuggestionRow {
    pub item: ItemRow,
    pub score: String,
    pub reasons: Vec<String>,
}

fn suggestion_rows(
    page: &Page,
    base: &str,
    suggestions: &[Suggestion],
    item_type: ItemType,
) -> Vec<SuggestionRow> {
    suggestions
        .iter()
        .map(|s| SuggestionRow {
            item: item_row(page, base, &s.item, item_type),
            score: format!("{:.0}", s.score.total),
            reasons: s
                .score
                .reasons
                .iter()
                .map(|r| reason_text(&page.l, r))
                .collect(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "item.html")]
struct ItemTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    is_need: bool,
    item: Item,
    row: ItemRow,
    suggestions: Vec<SuggestionRow>,
    matches: Vec<MatchRow>,
    can_propose: bool,
    description: String,
}

async fn item_page(
    state: &AppState,
    page: Page,
    context: &SpaceContext,
    item_type: ItemType,
    id: i64,
) -> Result<Response, PageError> {
    let base = base(context);
    require(context, Action::Read, &base)?;
    let readable = service::readable_spaces(state, context).await?;
    let scope = service::scope_within(state, context, &readable).await?;
    let item = store::item(&state.db, item_type, id).await?;
    if !scope.contains(&SpaceId(item.space_id)) {
        return Err(PageError::NotFound);
    }
    let (suggestions, matches) = match item_type {
        ItemType::Need => {
            let suggestions = if item.is_open() {
                service::suggestions_for_need(state, &item, &readable, 10).await?
            } else {
                Vec::new()
            };
            let all = store::matches_in(&state.db, &scope).await?;
            let mine: Vec<store::Match> = all.into_iter().filter(|m| m.need_id == id).collect();
            (
                suggestion_rows(&page, &base, &suggestions, ItemType::Resource),
                match_rows(state, &page, context, &mine).await?,
            )
        }
        ItemType::Resource => {
            let suggestions = service::needs_for_resource(state, &item, &scope, 10).await?;
            (
                suggestion_rows(&page, &base, &suggestions, ItemType::Need),
                Vec::new(),
            )
        }
    };
    render(&ItemTemplate {
        header: SpaceHeader::new(state, &page, context),
        row: item_row(&page, &base, &item, item_type),
        is_need: item_type == ItemType::Need,
        can_propose: permissions::allows(
            context.role,
            context.space.visibility(),
            Action::ProposeMatch,
        ),
        description: item.description.clone(),
        item,
        base,
        suggestions,
        matches,
        page,
    })
}

pub async fn resource(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, PageError> {
    item_page(&state, page, &context, ItemType::Resource, id).await
}

pub async fn need(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, PageError> {
    item_page(&state, page, &context, ItemType::Need, id).await
}

/// An open need with its best suggestions.
pub struct NeedSuggestions {
    pub need: ItemRow,
    pub suggestions: Vec<SuggestionRow>,
}

#[derive(Template)]
#[template(path = "synergies.html")]
struct SynergiesTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    needs: Vec<NeedSuggestions>,
    can_propose: bool,
}

/// How many open needs the synergies page shows, most urgent first.
const SYNERGY_NEEDS: usize = 50;

pub async fn synergies(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
) -> Result<Response, PageError> {
    let base = base(&context);
    require(&context, Action::Read, &base)?;
    let readable = service::readable_spaces(&state, &context).await?;
    let scope = service::scope_within(&state, &context, &readable).await?;
    let mut open =
        store::items_in(&state.db, ItemType::Need, &scope, Some(NeedStatus::Open)).await?;
    open.sort_by_key(|n| {
        std::cmp::Reverse(cospace_core::synergy::urgency_weight(
            Urgency::parse(&n.urgency).unwrap_or(Urgency::Medium),
        ))
    });
    let mut needs = Vec::new();
    for need in open.iter().take(SYNERGY_NEEDS) {
        let suggestions = service::suggestions_for_need(&state, need, &readable, 3).await?;
        needs.push(NeedSuggestions {
            need: item_row(&page, &base, need, ItemType::Need),
            suggestions: suggestion_rows(&page, &base, &suggestions, ItemType::Resource),
        });
    }
    render(&SynergiesTemplate {
        header: SpaceHeader::new(&state, &page, &context),
        can_propose: permissions::allows(
            context.role,
            context.space.visibility(),
            Action::ProposeMatch,
        ),
        base,
        needs,
        page,
    })
}

/// A match as pages show it.
pub struct MatchRow {
    pub id: i64,
    pub need: String,
    pub need_href: String,
    pub resource: String,
    pub resource_href: String,
    pub status_key: String,
    pub need_side_key: String,
    pub offer_side_key: String,
    pub note: String,
    pub can_answer: bool,
    pub can_finish: bool,
    pub reasons: Vec<String>,
}

async fn match_rows(
    state: &AppState,
    page: &Page,
    context: &SpaceContext,
    matches: &[store::Match],
) -> Result<Vec<MatchRow>, PageError> {
    let base = base(context);
    let manager = permissions::allows(context.role, context.space.visibility(), Action::Manage);
    let mut rows = Vec::new();
    let mut titles: HashMap<(ItemType, i64), Item> = HashMap::new();
    for m in matches {
        for (item_type, id) in [
            (ItemType::Need, m.need_id),
            (ItemType::Resource, m.resource_id),
        ] {
            if let std::collections::hash_map::Entry::Vacant(entry) = titles.entry((item_type, id))
            {
                entry.insert(store::item(&state.db, item_type, id).await?);
            }
        }
        let need = &titles[&(ItemType::Need, m.need_id)];
        let resource = &titles[&(ItemType::Resource, m.resource_id)];
        let side_admin = match &context.viewer.user {
            Some(user) => {
                store::is_organization_admin(&state.db, need.organization_id, user.id()).await?
                    || store::is_organization_admin(&state.db, resource.organization_id, user.id())
                        .await?
            }
            None => false,
        };
        let status = m.status();
        let reasons: Vec<Reason> = serde_json::from_str(&m.reasons).unwrap_or_default();
        rows.push(MatchRow {
            id: m.id,
            need: need.title.clone(),
            need_href: format!("{base}/needs/{}", need.id),
            resource: format!("{} — {}", resource.title, resource.organization_name),
            resource_href: format!("{base}/resources/{}", resource.id),
            status_key: status.label_key(),
            need_side_key: format!("match-side-{}", m.need_side),
            offer_side_key: format!("match-side-{}", m.offer_side),
            note: m.note.clone(),
            can_answer: (manager || side_admin)
                && status == cospace_core::stakeholders::MatchStatus::Proposed,
            can_finish: (manager || side_admin)
                && status == cospace_core::stakeholders::MatchStatus::Accepted,
            reasons: reasons.iter().map(|r| reason_text(&page.l, r)).collect(),
        });
    }
    Ok(rows)
}

#[derive(Template)]
#[template(path = "matches.html")]
struct MatchesTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    matches: Vec<MatchRow>,
    errors: FormErrors,
}

pub async fn matches(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
) -> Result<Response, PageError> {
    matches_page(&state, page, &context, Invalid::default()).await
}

async fn matches_page(
    state: &AppState,
    page: Page,
    context: &SpaceContext,
    errors: Invalid,
) -> Result<Response, PageError> {
    let base = base(context);
    require(context, Action::Read, &base)?;
    let scope = service::scope(state, context).await?;
    let all = store::matches_in(&state.db, &scope).await?;
    let rows = match_rows(state, &page, context, &all).await?;
    let invalid = !errors.is_empty();
    let template = MatchesTemplate {
        header: SpaceHeader::new(state, &page, context),
        base,
        matches: rows,
        errors: FormErrors(errors),
        page,
    };
    render_form(&template, invalid)
}

pub async fn propose_match(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    form: FormData,
) -> Result<Response, PageError> {
    let here = format!("{}/matches", base(&context));
    require(&context, Action::ProposeMatch, &here)?;
    let actor = signed_in(&context, &here)?;
    let need = form.get("need").parse::<i64>().unwrap_or(-1);
    let resource = form.get("resource").parse::<i64>().unwrap_or(-1);
    match service::propose_match(&state, &context, &actor, need, resource, form.get("note")).await {
        Ok(id) => Ok(redirect_with_flash(
            &state,
            &format!("{here}#match-{id}"),
            "flash-match-proposed",
        )),
        Err(ServiceError::Invalid(invalid)) => matches_page(&state, page, &context, invalid).await,
        Err(other) => Err(other.into()),
    }
}

pub async fn decide_match(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Path((_, id, decision)): Path<(String, i64, String)>,
) -> Result<Response, PageError> {
    let here = format!("{}/matches", base(&context));
    let actor = signed_in(&context, &here)?;
    let decision = Decision::parse(&decision).ok_or(PageError::NotFound)?;
    match service::decide_match(&state, &context, &actor, id, decision).await {
        Ok(_) => Ok(redirect_with_flash(
            &state,
            &format!("{here}#match-{id}"),
            "flash-match-updated",
        )),
        Err(ServiceError::Invalid(invalid)) => matches_page(&state, page, &context, invalid).await,
        Err(other) => Err(other.into()),
    }
}

/// A search result as the page shows it.
pub struct HitRow {
    pub href: String,
    pub title: String,
    pub what: String,
    pub detail: String,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchTemplate {
    page: Page,
    header: SpaceHeader,
    slug: String,
    query: String,
    hits: Vec<HitRow>,
    searched: bool,
}

#[derive(Deserialize, Default)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
}

/// Search results turned into rows (each hit re-read, so what is shown is current).
pub async fn resolve_hits(
    state: &AppState,
    page: &Page,
    context: &SpaceContext,
    hits: &[store::Hit],
) -> Result<Vec<HitRow>, StoreError> {
    let base = base(context);
    let mut rows = Vec::new();
    for hit in hits {
        match hit.item_type.as_str() {
            "organization" => {
                let org = store::organization(&state.db, hit.item_id).await?;
                rows.push(HitRow {
                    href: format!("{base}/organizations/{}", org.id),
                    what: page.t("search-organization"),
                    detail: org.address.clone(),
                    title: org.name,
                });
            }
            "resource" | "need" => {
                let item_type = if hit.item_type == "need" {
                    ItemType::Need
                } else {
                    ItemType::Resource
                };
                let item = store::item(&state.db, item_type, hit.item_id).await?;
                let row = item_row(page, &base, &item, item_type);
                rows.push(HitRow {
                    href: row.href,
                    title: row.title,
                    what: page.t(&format!("search-{}", item_type.as_str())),
                    detail: format!("{} · {}", row.kind, row.organization),
                });
            }
            _ => {}
        }
    }
    Ok(rows)
}

/// How many results a search shows.
pub const SEARCH_LIMIT: i64 = 50;

pub async fn search(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Query(query): Query<SearchQuery>,
) -> Result<Response, PageError> {
    require(
        &context,
        Action::Read,
        &format!("/spaces/{}/search", context.space.slug),
    )?;
    let terms = text::query_terms(&query.q, 8);
    let hits = if terms.is_empty() {
        Vec::new()
    } else {
        let scope = service::scope(&state, &context).await?;
        let hits = store::search(&state.db, &scope, &terms, SEARCH_LIMIT).await?;
        resolve_hits(&state, &page, &context, &hits).await?
    };
    render(&SearchTemplate {
        header: SpaceHeader::new(&state, &page, &context),
        slug: context.space.slug.clone(),
        searched: !terms.is_empty(),
        query: query.q.clone(),
        hits,
        page,
    })
}
