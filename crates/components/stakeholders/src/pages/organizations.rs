//! Organisations: registering and editing, the organisation page, listing elsewhere,
//! approval, contacts, and the resources and needs an organisation adds.

use super::*;

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

pub(super) fn organization_input(form: &FormData) -> OrganizationInput {
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
pub(super) struct OrgFormTemplate {
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

pub(super) fn org_form(
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
    pub id: ContactId,
    pub person: String,
    pub role: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub visibility: String,
}

#[derive(Template)]
#[template(path = "organization.html")]
pub(super) struct OrganizationTemplate {
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
pub(super) struct FailedForm {
    /// "contact", "resource" or "need".
    which: &'static str,
    errors: Invalid,
    item: ItemInput,
    contact: ContactInput,
}

pub(super) async fn organization_page(
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
            visibility: page.t(&c.visibility.label_key()),
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
            let listed: Vec<cospace_core::SpaceId> =
                listed.into_iter().map(cospace_core::SpaceId).collect();
            let listed_slugs = cospace_store::spaces::slugs_of(&state.db, &listed).await?;
            service::administered_spaces(state, user, context.space.id())
                .await?
                .into_iter()
                .filter(|(slug, _)| !listed_slugs.values().any(|s| s == slug))
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

pub(super) fn contact_input(form: &FormData) -> ContactInput {
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
    service::delete_contact(&state, &context, &actor, id, ContactId(contact)).await?;
    Ok(redirect_with_flash(
        &state,
        &format!("{}/organizations/{id}#contacts", base(&context)),
        "flash-contact-removed",
    ))
}

pub(super) fn item_input(form: &FormData) -> ItemInput {
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

pub(super) async fn add_item(
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
