//! The vocabulary of stakeholders — local institutions and a programme's partners: organisations
//! of every sector and level, their contacts with visibility, the resources they can offer and
//! the needs they have — with validation of everything a form, the API or an import delivers.

use crate::geo::Point;
use crate::lang::Lang;
use crate::validation::{bounded_text, FieldError, Invalid};
use serde::{Deserialize, Serialize};

vocabulary!(
    /// Who an organisation is.
    Sector, "sector", "sector" {
        Grassroots => "grassroots",
        Ngo => "ngo",
        LocalGovernment => "local_government",
        SubnationalGovernment => "subnational_government",
        NationalGovernment => "national_government",
        PrivateSector => "private_sector",
        Academia => "academia",
        InternationalOrganisation => "international_organisation",
        Funder => "funder",
    }
);

vocabulary!(
    /// The level of government (or of action) an organisation works at.
    Level, "level", "level" {
        Neighbourhood => "neighbourhood",
        City => "city",
        Regional => "regional",
        National => "national",
        International => "international",
    }
);

vocabulary!(
    /// What a resource is, or what a need asks for: resources and needs share one vocabulary,
    /// so that a need for a venue meets an offer of one.
    Kind, "kind", "item-kind" {
        Venue => "venue",
        Equipment => "equipment",
        Skills => "skills",
        Funding => "funding",
        TechnicalSupport => "technical_support",
        Knowledge => "knowledge",
        Service => "service",
        Other => "other",
    }
);

vocabulary!(
    /// How soon a need must be met.
    Urgency, "urgency", "urgency" {
        Low => "low",
        Medium => "medium",
        High => "high",
        Critical => "critical",
    }
);

vocabulary!(
    /// Who may see a contact.
    ContactVisibility, "visibility", "contact-visibility" {
        Public => "public",
        Members => "members",
        Admins => "admins",
    }
);

vocabulary!(
    /// Whether a need is still open.
    NeedStatus, "status", "need-status" {
        Open => "open",
        Met => "met",
    }
);

vocabulary!(
    /// Where a proposed match between a need and a resource stands.
    MatchStatus, "status", "match-status" {
        Proposed => "proposed",
        Accepted => "accepted",
        Declined => "declined",
        Done => "done",
    }
);

vocabulary!(
    /// One side's answer to a proposed match: the organisation that offers and the one that
    /// needs each accept or decline.
    MatchSide, "side", "match-side" {
        Pending => "pending",
        Accepted => "accepted",
        Declined => "declined",
    }
);

impl MatchStatus {
    /// The moves allowed: a proposal is accepted or declined; an accepted match is done.
    pub fn can_become(self, next: MatchStatus) -> bool {
        matches!(
            (self, next),
            (MatchStatus::Proposed, MatchStatus::Accepted)
                | (MatchStatus::Proposed, MatchStatus::Declined)
                | (MatchStatus::Accepted, MatchStatus::Done)
        )
    }
}

/// A target of the Sustainable Development Goals, e.g. `11.1` or `11.a`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SdgTarget(String);

impl SdgTarget {
    pub fn parse(input: &str) -> Result<SdgTarget, FieldError> {
        let value = input.trim().to_ascii_lowercase();
        let valid = value.split_once('.').is_some_and(|(goal, target)| {
            let goal_ok =
                goal.parse::<u8>().is_ok_and(|g| (1..=17).contains(&g)) && !goal.starts_with('0');
            let target_ok = match target.parse::<u8>() {
                Ok(n) => (1..=20).contains(&n) && !target.starts_with('0'),
                Err(_) => matches!(target, "a" | "b" | "c" | "d"),
            };
            goal_ok && target_ok
        });
        if valid {
            Ok(SdgTarget(value))
        } else {
            Err(FieldError::new("sdg_targets", "error-sdg-target"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Splits a comma, semicolon or space separated list, dropping empties.
pub fn split_list(input: &str) -> Vec<String> {
    input
        .split([',', ';', ' ', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The longest web address accepted, in bytes.
pub const WEBSITE_MAX: usize = 300;

/// A web address: http or https only, so no `javascript:` link can be stored.
pub fn parse_website(input: &str) -> Result<Option<String>, FieldError> {
    let value = input.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let lower = value.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(host)
            if !host.is_empty()
                && !value.contains(char::is_whitespace)
                && value.len() <= WEBSITE_MAX =>
        {
            Ok(Some(value.to_owned()))
        }
        _ => Err(FieldError::new("website", "error-website")),
    }
}

/// Raw input for an organisation.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct OrganizationInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub sector: String,
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub sdg_targets: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub lat: String,
    #[serde(default)]
    pub lon: String,
}

/// A validated organisation.
#[derive(Debug, Clone, PartialEq)]
pub struct OrganizationDraft {
    pub name: String,
    pub sector: Sector,
    pub level: Option<Level>,
    pub description: String,
    pub website: Option<String>,
    pub languages: Vec<Lang>,
    pub sdg_targets: Vec<SdgTarget>,
    pub address: String,
    pub location: Option<Point>,
}

impl OrganizationDraft {
    pub const NAME_MAX: usize = 160;
    pub const DESCRIPTION_MAX: usize = 10_000;
    pub const ADDRESS_MAX: usize = 300;

    pub fn parse(input: &OrganizationInput) -> Result<OrganizationDraft, Invalid> {
        let mut invalid = Invalid::default();
        let name = invalid.take(bounded_text("name", &input.name, 1, Self::NAME_MAX));
        let sector = invalid.take(Sector::parse(&input.sector));
        let level = if input.level.trim().is_empty() {
            Some(None)
        } else {
            invalid.take(Level::parse(&input.level).map(Some))
        };
        let description = invalid.take(bounded_text(
            "description",
            &input.description,
            0,
            Self::DESCRIPTION_MAX,
        ));
        let website = invalid.take(parse_website(&input.website));
        let mut languages = Vec::new();
        for code in input.languages.iter().flat_map(|l| split_list(l)) {
            match Lang::from_tag(&code) {
                Some(lang) if !languages.contains(&lang) => languages.push(lang),
                Some(_) => {}
                None => invalid.push(FieldError::new("languages", "error-choice")),
            }
        }
        languages.sort();
        let mut sdg_targets = Vec::new();
        for target in split_list(&input.sdg_targets) {
            if let Some(t) = invalid.take(SdgTarget::parse(&target)) {
                if !sdg_targets.contains(&t) {
                    sdg_targets.push(t);
                }
            }
        }
        sdg_targets.sort();
        let address = invalid.take(bounded_text(
            "address",
            &input.address,
            0,
            Self::ADDRESS_MAX,
        ));
        let location = invalid.take(Point::parse(&input.lat, &input.lon));
        match (name, sector, level, description, website, address, location) {
            (
                Some(name),
                Some(sector),
                Some(level),
                Some(description),
                Some(website),
                Some(address),
                Some(location),
            ) if invalid.is_empty() => Ok(OrganizationDraft {
                name,
                sector,
                level,
                description,
                website,
                languages,
                sdg_targets,
                address,
                location,
            }),
            _ => Err(invalid),
        }
    }
}

/// Raw input for a contact person.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ContactInput {
    #[serde(default)]
    pub person: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub visibility: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactDraft {
    pub person: String,
    pub role: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub visibility: ContactVisibility,
}

impl ContactDraft {
    pub fn parse(input: &ContactInput) -> Result<ContactDraft, Invalid> {
        let mut invalid = Invalid::default();
        let person = invalid.take(bounded_text("person", &input.person, 1, 120));
        let role = invalid.take(bounded_text("role", &input.role, 0, 120));
        let email = if input.email.trim().is_empty() {
            Some(None)
        } else {
            invalid.take(
                crate::account::Email::parse("email", &input.email)
                    .map(|e| Some(e.as_str().to_owned())),
            )
        };
        let phone = {
            let value = input.phone.trim();
            if value.is_empty() {
                Some(None)
            } else if value.len() <= 40
                && value.chars().filter(|c| c.is_ascii_digit()).count() >= 5
                && value
                    .chars()
                    .all(|c| c.is_ascii_digit() || " +-().".contains(c))
            {
                Some(Some(value.to_owned()))
            } else {
                invalid.push(FieldError::new("phone", "error-phone"));
                None
            }
        };
        let visibility = if input.visibility.trim().is_empty() {
            Some(ContactVisibility::Members)
        } else {
            invalid.take(ContactVisibility::parse(&input.visibility))
        };
        match (person, role, email, phone, visibility) {
            (Some(person), Some(role), Some(email), Some(phone), Some(visibility))
                if invalid.is_empty() =>
            {
                Ok(ContactDraft {
                    person,
                    role,
                    email,
                    phone,
                    visibility,
                })
            }
            _ => Err(invalid),
        }
    }
}

/// Raw input shared by resources and needs.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ItemInput {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// A resource's capacity, or how much a need asks for (people, seats, units).
    #[serde(default)]
    pub capacity: String,
    /// A resource's availability ("weekdays after 16:00"); ignored for needs.
    #[serde(default)]
    pub availability: String,
    /// A need's urgency; ignored for resources.
    #[serde(default)]
    pub urgency: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub lat: String,
    #[serde(default)]
    pub lon: String,
}

/// A validated resource or need.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemDraft {
    pub kind: Kind,
    pub title: String,
    pub description: String,
    pub capacity: Option<i64>,
    pub availability: String,
    pub urgency: Urgency,
    pub address: String,
    pub location: Option<Point>,
}

impl ItemDraft {
    pub fn parse(input: &ItemInput) -> Result<ItemDraft, Invalid> {
        let mut invalid = Invalid::default();
        let kind = invalid.take(Kind::parse(&input.kind));
        let title = invalid.take(bounded_text("title", &input.title, 1, 160));
        let description = invalid.take(bounded_text("description", &input.description, 0, 5_000));
        let capacity = {
            let value = input.capacity.trim();
            if value.is_empty() {
                Some(None)
            } else {
                match value.parse::<i64>() {
                    Ok(n) if (1..=10_000_000).contains(&n) => Some(Some(n)),
                    _ => {
                        invalid.push(FieldError::new("capacity", "error-capacity"));
                        None
                    }
                }
            }
        };
        let availability = invalid.take(bounded_text("availability", &input.availability, 0, 300));
        let urgency = if input.urgency.trim().is_empty() {
            Some(Urgency::Medium)
        } else {
            invalid.take(Urgency::parse(&input.urgency))
        };
        let address = invalid.take(bounded_text("address", &input.address, 0, 300));
        let location = invalid.take(Point::parse(&input.lat, &input.lon));
        match (
            kind,
            title,
            description,
            capacity,
            availability,
            urgency,
            address,
            location,
        ) {
            (
                Some(kind),
                Some(title),
                Some(description),
                Some(capacity),
                Some(availability),
                Some(urgency),
                Some(address),
                Some(location),
            ) if invalid.is_empty() => Ok(ItemDraft {
                kind,
                title,
                description,
                capacity,
                availability,
                urgency,
                address,
                location,
            }),
            _ => Err(invalid),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_round_trip() {
        for sector in Sector::ALL {
            assert_eq!(Sector::parse(sector.as_str()), Ok(*sector));
        }
        assert_eq!(
            Kind::TechnicalSupport.label_key(),
            "item-kind-technical-support"
        );
        assert!(Kind::parse("spaceship").is_err());
    }

    #[test]
    fn sdg_targets() {
        for good in ["11.1", "11.3", "1.4", "6.2", "11.a", "17.19"] {
            assert!(SdgTarget::parse(good).is_ok(), "{good}");
        }
        for bad in ["18.1", "0.1", "11", "11.0", "11.e", "x.1", "011.1"] {
            assert!(SdgTarget::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn websites_are_http_only() {
        assert_eq!(parse_website(""), Ok(None));
        assert!(parse_website("https://azory.example.org").is_ok());
        assert!(parse_website("javascript:alert(1)").is_err());
        assert!(parse_website("http://").is_err());
    }

    #[test]
    fn organization_reports_every_problem() {
        let input = OrganizationInput {
            name: "".into(),
            sector: "aliens".into(),
            level: "galactic".into(),
            website: "ftp://x".into(),
            sdg_targets: "11.1, 99.9".into(),
            lat: "120".into(),
            lon: "50".into(),
            ..Default::default()
        };
        let fields: Vec<&str> = OrganizationDraft::parse(&input)
            .unwrap_err()
            .0
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            ["name", "sector", "level", "website", "sdg_targets", "lat"]
        );
    }

    #[test]
    fn organization_accepts_good_input() {
        let input = OrganizationInput {
            name: "Centre of Elderly People".into(),
            sector: "local_government".into(),
            level: "city".into(),
            languages: vec!["pl, en".into()],
            sdg_targets: "11.3; 11.1 11.1".into(),
            lat: "50.0857".into(),
            lon: "19.9016".into(),
            ..Default::default()
        };
        let draft = OrganizationDraft::parse(&input).unwrap();
        assert_eq!(draft.languages, vec![Lang::En, Lang::Pl]);
        assert_eq!(draft.sdg_targets.len(), 2);
        assert_eq!(draft.location.unwrap().lat, 50.0857);
    }

    #[test]
    fn contacts() {
        let ok = ContactDraft::parse(&ContactInput {
            person: "Anna".into(),
            email: "anna@example.org".into(),
            phone: "+48 12 345 67 89".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(ok.visibility, ContactVisibility::Members);
        let bad = ContactDraft::parse(&ContactInput {
            person: "Anna".into(),
            email: "not-mail".into(),
            phone: "call me".into(),
            visibility: "everyone".into(),
            ..Default::default()
        })
        .unwrap_err();
        let fields: Vec<&str> = bad.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["email", "phone", "visibility"]);
    }

    #[test]
    fn items() {
        let ok = ItemDraft::parse(&ItemInput {
            kind: "venue".into(),
            title: "Hall".into(),
            capacity: "40".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!((ok.capacity, ok.urgency), (Some(40), Urgency::Medium));
        let bad = ItemDraft::parse(&ItemInput {
            kind: "castle".into(),
            capacity: "-3".into(),
            urgency: "yesterday".into(),
            ..Default::default()
        })
        .unwrap_err();
        let fields: Vec<&str> = bad.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["kind", "title", "capacity", "urgency"]);
    }

    #[test]
    fn match_moves() {
        use MatchStatus::*;
        assert!(Proposed.can_become(Accepted));
        assert!(Accepted.can_become(Done));
        assert!(!Declined.can_become(Accepted));
        assert!(!Proposed.can_become(Done));
    }

    #[test]
    fn stored_values_decode_and_unknown_ones_are_refused() {
        for side in MatchSide::ALL {
            assert_eq!(MatchSide::try_from(side.as_str().to_owned()), Ok(*side));
        }
        for status in MatchStatus::ALL {
            assert_eq!(
                MatchStatus::try_from(status.as_str().to_owned()),
                Ok(*status)
            );
        }
        for visibility in ContactVisibility::ALL {
            assert_eq!(
                ContactVisibility::try_from(visibility.as_str().to_owned()),
                Ok(*visibility)
            );
        }
        assert!(MatchSide::try_from("maybe".to_owned()).is_err());
        assert!(MatchStatus::try_from("Proposed".to_owned()).is_err());
        assert!(ContactVisibility::try_from(" public".to_owned()).is_err());
        assert_eq!(MatchSide::Pending.label_key(), "match-side-pending");
    }
}
