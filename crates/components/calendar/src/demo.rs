//! The calendar's part of the demo world: a year of Azory's common calendar around the day
//! the demo is loaded — regular activities, feasts, Christmas events, citizens' budget
//! meetings, a few clashes to coordinate — and the five meetings of its local group of leaders
//! with their records. Added through the component's use cases; what exists is left as it is.

use crate::meetings::{self, Record};
use crate::service::{self, ServiceError};
use crate::store as calendar;
use chrono::{Duration, Utc};
use cospace_core::calendar::event::{EventDraft, EventInput};
use cospace_core::calendar::meeting::{ActionItemDraft, ActionItemInput, ActionStatus};
use cospace_core::calendar::time::Zone;
use cospace_store::spaces::Space;
use cospace_store::StoreError;
use cospace_web::kit::demo::DemoWorld;
use cospace_web::{AppState, BoxFuture};
use std::collections::HashMap;

/// The component's demo seed (after the stakeholders', whose organisations organise events).
pub fn seed<'a>(
    state: &'a AppState,
    world: &'a DemoWorld,
) -> BoxFuture<'a, Result<(), ServiceError>> {
    Box::pin(load_calendar(state, world))
}

/// The approved organisations of Azory by name.
async fn azory_organizations(
    state: &AppState,
    azory: &Space,
) -> Result<HashMap<String, i64>, StoreError> {
    Ok(
        cospace_store::organizations::listed_in(&state.db, &[azory.id()], false)
            .await?
            .into_iter()
            .map(|o| (o.organization.name, o.organization.id))
            .collect(),
    )
}

/// One event of Azory's year: dates are worked out from today, everything else is data.
struct DemoEvent {
    /// Stable part of the UID, so that loading again finds the event.
    key: &'static str,
    title: &'static str,
    description: &'static str,
    kind: &'static str,
    date: chrono::NaiveDate,
    start: &'static str,
    end: &'static str,
    /// A weekly series until this date.
    weekly_until: Option<chrono::NaiveDate>,
    /// The title of a venue of the resource registry.
    venue: Option<&'static str>,
    address: &'static str,
    organizers: &'static [&'static str],
    audiences: &'static [&'static str],
    expected: u32,
    /// The count recorded afterwards, for events that took place.
    actual: u32,
}

/// One meeting of the local group of leaders: what was planned, and, once it took place, who
/// came, what was said and decided and what was left to do.
struct DemoMeeting {
    agenda: &'static [&'static str],
    people: u32,
    attendance: &'static [(&'static str, u32)],
    minutes: &'static str,
    decisions: &'static [&'static str],
    /// (title, owner, due days after the meeting, status, followed up by the open day — then due
    /// just before it)
    actions: &'static [(&'static str, &'static str, i64, &'static str, bool)],
}

const LAP: &str = "Local Activity Point Azory";
const SENIORS: &str = "Centre of Elderly People and Seniors' Club";
const CHILDREN: &str = "Children Friends Society Azory";
const SCHOOL: &str = "Primary School in Azory";
const GREEN: &str = "Board of Green City Spaces";
const COUNCIL: &str = "District Council VI Bronowice";
const HOUSING: &str = "Azory Housing Association";
const SCHOOL_HALL: &str = "School hall for meetings and club events";
const COMMON_ROOM: &str = "Common room in block 12";

/// The five meetings of the local group of leaders, in order.
const MEETINGS: &[DemoMeeting] = &[
    DemoMeeting {
        agenda: &[
            "Welcome and a round of introductions of the Azory institutions",
            "Why a platform of cooperation: actions that met at the same place and time by accident",
            "First list of who works in Azory, with their resources and needs",
        ],
        people: 16,
        attendance: &[(LAP, 3), (SENIORS, 2), (CHILDREN, 2), (SCHOOL, 2), (GREEN, 1), (COUNCIL, 2), (HOUSING, 1)],
        minutes: "## Setting up the group\n\nThe Local Activity Point opened the first meeting of the **local group of leaders** of Azory and told every partner about the start of the project.\n\n- Each institution presented what it does in the estate and for whom.\n- Several partners noted that their activities had overlapped by accident last year: two events on the same afternoon, for the same families.\n- The group agreed to meet **every second Tuesday of the month at 17:00** in the school hall.\n\nNext meeting: the citizens' budget, the Social Centre and the pocket park.",
        decisions: &[
            "The local group of leaders of Azory is set up; it meets every second Tuesday of the month at 17:00 in the school hall",
            "Every institution names one contact person for the group",
            "The Local Activity Point keeps the common calendar and the resource map up to date",
        ],
        actions: &[
            ("Collect every institution's resources and needs for the resource map", LAP, 21, "done", false),
            ("Enter each institution's planned activities in the common calendar", LAP, 14, "done", false),
        ],
    },
    DemoMeeting {
        agenda: &[
            "One joint project of the Azory institutions for the citizens' budget",
            "A Social Centre in Azory: needs, possible rooms, who could run it",
            "Presentation of the pocket park project by the Board of Green City Spaces",
        ],
        people: 19,
        attendance: &[(LAP, 3), (SENIORS, 3), (CHILDREN, 2), (SCHOOL, 1), (GREEN, 3), (COUNCIL, 2), (HOUSING, 2)],
        minutes: "## Citizens' budget, Social Centre, pocket park\n\nInstead of each institution filing its own project, the partners will prepare **one joint project** for the participatory budget, built on what residents asked for.\n\nThe District Council and the Local Activity Point summarised the case for a **Social Centre** in Azory; running costs remain an open question.\n\nThe Board of Green City Spaces presented the **pocket park**: a consultation with residents comes first, then a poll on the design, then works with volunteers.",
        decisions: &[
            "The institutions of Azory prepare one joint citizens' budget project answering residents' needs",
            "The District Council and the Local Activity Point gather support for a Social Centre in Azory",
            "Residents are consulted and polled on the pocket park design before works start",
        ],
        actions: &[
            ("Poll residents on the pocket park design", GREEN, 28, "done", false),
            ("Ask the housing association for a room for the future Social Centre", COUNCIL, 21, "open", false),
            ("Draft the joint citizens' budget project with the seniors of the Centre", SENIORS, 75, "in_progress", false),
        ],
    },
    DemoMeeting {
        agenda: &[
            "Social economy: could a social cooperative run services of the Social Centre?",
            "Who could offer work to residents at risk of exclusion",
            "The common calendar: autumn and winter events",
        ],
        people: 15,
        attendance: &[(LAP, 2), (SENIORS, 2), (CHILDREN, 1), (SCHOOL, 1), (COUNCIL, 2), (HOUSING, 3)],
        minutes: "## Social economy\n\nGuests from the Municipal Social Welfare Centre explained how a **social cooperative** could run the café and small repairs of a future Social Centre, offering work to residents at risk of exclusion.\n\nThe meeting started late: the school hall had also been booked for a parents' meeting. *This is exactly the clash the common calendar should show before anyone books.*\n\nThe partners went through the autumn and winter events together and agreed to hold an open day of the Local Activity Point with all institutions.",
        decisions: &[
            "A working group (Local Activity Point, housing association) studies a social cooperative for the Social Centre",
            "Before fixing a date or booking a room, institutions check the common calendar for clashes",
            "An open day of the Local Activity Point presents every institution of Azory to residents",
        ],
        actions: &[
            ("Prepare the open day of the Local Activity Point with all institutions", LAP, 30, "in_progress", true),
            ("Put every autumn and winter event in the common calendar", LAP, 10, "done", false),
            ("Write a first plan of a social cooperative for the Social Centre", HOUSING, 90, "open", false),
        ],
    },
    DemoMeeting {
        agenda: &[
            "Meeting with the partner cities of the URBinclusion network during their seminar in Kraków",
            "What the Azory platform of cooperation has achieved so far",
            "Questions from partner cities: should the platform become formal?",
        ],
        people: 24,
        attendance: &[(LAP, 3), (SENIORS, 2), (CHILDREN, 2), (SCHOOL, 1), (GREEN, 1), (COUNCIL, 3), (HOUSING, 1)],
        minutes: "## With the partner cities\n\nPartners of the URBinclusion network visiting Kraków joined the group. The Local Activity Point showed the resource map and the common calendar; the seniors told how the family feasts brought generations together.\n\nThe visitors asked whether the platform should be **formalised**. The group prefers to stay an informal cooperation built on good relations for now, and to come back to it once the Social Centre exists.",
        decisions: &[
            "The platform stays an informal cooperation for now; the question comes back with the Social Centre",
            "The resource map of Azory is shared with the partner cities as an example",
        ],
        actions: &[
            ("Send the resource map and calendar to the partner cities", LAP, 14, "open", false),
        ],
    },
    DemoMeeting {
        agenda: &[
            "Christmas events: one plan for the tree decoration, the Christmas party and Christmas Eve for lonely seniors",
            "Who brings what: volunteers, tables and benches, the sound system",
            "A look back at the year and the next series of meetings",
        ],
        people: 0,
        attendance: &[],
        minutes: "",
        decisions: &[],
        actions: &[],
    },
];

/// The same day of the year nearest to `today` (so within about six months of it).
fn nearest(today: chrono::NaiveDate, month: u32, day: u32) -> chrono::NaiveDate {
    use chrono::Datelike;
    [today.year() - 1, today.year(), today.year() + 1]
        .into_iter()
        .filter_map(|year| chrono::NaiveDate::from_ymd_opt(year, month, day))
        .min_by_key(|date| (*date - today).num_days().abs())
        .unwrap_or(today)
}

fn on_or_after(date: chrono::NaiveDate, weekday: chrono::Weekday) -> chrono::NaiveDate {
    use chrono::Datelike;
    let ahead = (7 + weekday.num_days_from_monday() - date.weekday().num_days_from_monday()) % 7;
    date + chrono::Duration::days(i64::from(ahead))
}

/// The first `weekday` on or after `date` that no other one-off event of the demo uses, so that
/// only the clashes meant to be there are.
fn free_day(
    taken: &mut std::collections::BTreeSet<chrono::NaiveDate>,
    date: chrono::NaiveDate,
    weekday: chrono::Weekday,
) -> chrono::NaiveDate {
    let mut day = on_or_after(date, weekday);
    while taken.contains(&day) {
        day += chrono::Duration::days(7);
    }
    taken.insert(day);
    day
}

/// The second Tuesday of the month `offset` months from `today`'s.
fn second_tuesday(today: chrono::NaiveDate, offset: i32) -> chrono::NaiveDate {
    use chrono::Datelike;
    let months = today.year() * 12 + today.month0() as i32 + offset;
    chrono::NaiveDate::from_weekday_of_month_opt(
        months.div_euclid(12),
        months.rem_euclid(12) as u32 + 1,
        chrono::Weekday::Tue,
        2,
    )
    .unwrap_or(today)
}

/// The events of Azory's year, from six months ago to six months ahead, with the deliberate
/// clashes the coordination page shows.
fn azory_year(today: chrono::NaiveDate) -> Vec<DemoEvent> {
    use chrono::{Datelike, Duration, Weekday};
    let first = today - Duration::days(182);
    let last = today + Duration::days(183);
    let mut taken = std::collections::BTreeSet::new();
    // All Christmas events of the same December, whichever is nearest.
    let christmas = nearest(today, 12, 15).year();
    let date = |month, day| chrono::NaiveDate::from_ymd_opt(christmas, month, day).unwrap_or(today);
    let christmas_eve = date(12, 24);
    taken.insert(christmas_eve);
    // The seniors' club meets on Thursdays, unless Christmas Eve is one.
    let club_day = if christmas_eve.weekday() == Weekday::Thu {
        Weekday::Wed
    } else {
        Weekday::Thu
    };
    let tree = free_day(&mut taken, date(12, 5), Weekday::Sat);
    let party = free_day(&mut taken, date(12, 12), Weekday::Sat);
    let pocket_park = free_day(&mut taken, nearest(today, 5, 9), Weekday::Sat);
    let summer_feast = free_day(&mut taken, nearest(today, 6, 20), Weekday::Sat);
    let autumn_feast = free_day(&mut taken, nearest(today, 9, 19), Weekday::Sat);
    let garden = free_day(&mut taken, nearest(today, 4, 18), Weekday::Sat);
    let mapping_walk = free_day(&mut taken, nearest(today, 3, 21), Weekday::Sat);
    let anniversary = free_day(&mut taken, nearest(today, 10, 9), Weekday::Fri);
    let budget = free_day(&mut taken, nearest(today, 2, 16), Weekday::Mon);
    let budget_2 = free_day(&mut taken, budget + Duration::days(14), Weekday::Mon);
    let budget_3 = free_day(&mut taken, budget + Duration::days(28), Weekday::Mon);
    let open_day = free_day(&mut taken, today + Duration::days(10), Weekday::Sat);
    let third_meeting = second_tuesday(today, -1);
    vec![
        DemoEvent {
            key: "seniors-club",
            title: "Seniors' Club afternoon",
            description: "The weekly afternoon of the Seniors' Club: tea, talks, games and gymnastics. Neighbours of every age are welcome.",
            kind: "action",
            date: on_or_after(first, club_day),
            start: "15:00",
            end: "17:00",
            weekly_until: Some(last),
            venue: None,
            address: "ul. Stawowa 23, Kraków",
            organizers: &[SENIORS],
            audiences: &["seniors"],
            expected: 25,
            actual: 0,
        },
        DemoEvent {
            key: "children-workshops",
            title: "Creative workshops for children",
            description: "Art, music and homework help for children aged 6–12, run together by the Children Friends Society and teachers of the primary school.",
            kind: "training",
            date: on_or_after(first, Weekday::Wed),
            start: "16:00",
            end: "17:30",
            weekly_until: Some(last),
            venue: None,
            address: "ul. Fiedlera 3, Kraków",
            organizers: &[CHILDREN, SCHOOL],
            audiences: &["children"],
            expected: 18,
            actual: 0,
        },
        DemoEvent {
            key: "budget-1",
            title: "Citizens' budget: residents' needs (1 of 3)",
            description: "First of three meetings with residents from the Senior Activity Centre to prepare the joint project for the citizens' budget: what the estate needs most.",
            kind: "consultation",
            date: budget,
            start: "17:00",
            end: "19:00",
            weekly_until: None,
            venue: None,
            address: "ul. Stawowa 23, Kraków",
            organizers: &[LAP, SENIORS],
            audiences: &["seniors", "adults"],
            expected: 20,
            actual: 23,
        },
        DemoEvent {
            key: "budget-2",
            title: "Citizens' budget: choosing our project (2 of 3)",
            description: "Second meeting: from the list of needs to one project, its place and its rough cost.",
            kind: "consultation",
            date: budget_2,
            start: "17:00",
            end: "19:00",
            weekly_until: None,
            venue: None,
            address: "ul. Stawowa 23, Kraków",
            organizers: &[LAP, SENIORS],
            audiences: &["seniors", "adults"],
            expected: 20,
            actual: 18,
        },
        DemoEvent {
            key: "budget-3",
            title: "Citizens' budget: writing the application (3 of 3)",
            description: "Third meeting: writing and filing the application together, with advice from the Local Activity Point.",
            kind: "consultation",
            date: budget_3,
            start: "17:00",
            end: "19:00",
            weekly_until: None,
            venue: None,
            address: "ul. Stawowa 23, Kraków",
            organizers: &[LAP, SENIORS, COUNCIL],
            audiences: &["seniors", "adults"],
            expected: 20,
            actual: 21,
        },
        DemoEvent {
            key: "mapping-walk",
            title: "Mapping walk: the resources of Azory",
            description: "A walk through the estate with residents to add places, rooms and people to the resource map of Azory.",
            kind: "action",
            date: mapping_walk,
            start: "10:00",
            end: "13:00",
            weekly_until: None,
            venue: None,
            address: "Meeting point: ul. Doktora Twardego 6, Kraków",
            organizers: &[LAP, GREEN],
            audiences: &["everyone"],
            expected: 30,
            actual: 34,
        },
        DemoEvent {
            key: "social-garden",
            title: "Social garden: spring planting day",
            description: "Residents plant the social garden together; tools and seedlings lent by the Board of Green City Spaces.",
            kind: "action",
            date: garden,
            start: "10:00",
            end: "14:00",
            weekly_until: None,
            venue: None,
            address: "Social garden, ul. Kaczorówka 14, Kraków",
            organizers: &[GREEN, HOUSING, CHILDREN],
            audiences: &["families"],
            expected: 40,
            actual: 46,
        },
        DemoEvent {
            key: "pocket-park",
            title: "Opening of the pocket park",
            description: "Opening of the pocket park designed with residents: music, a picnic and the first bench signed by its neighbours.",
            kind: "celebration",
            date: pocket_park,
            start: "11:00",
            end: "14:00",
            weekly_until: None,
            venue: None,
            address: "Pocket park, ul. Stawowa, Kraków",
            organizers: &[GREEN, COUNCIL, LAP],
            audiences: &["everyone"],
            expected: 150,
            actual: 180,
        },
        DemoEvent {
            key: "summer-feast",
            title: "Family feast to welcome the summer",
            description: "An outdoor family feast run by the institutions of Azory together: games for children, a seniors' café, music and information stands.",
            kind: "celebration",
            date: summer_feast,
            start: "15:00",
            end: "19:00",
            weekly_until: None,
            venue: None,
            address: "Playing field of the primary school, ul. Wojciechowskiego 1, Kraków",
            organizers: &[LAP, CHILDREN, SENIORS, HOUSING],
            audiences: &["families", "children"],
            expected: 250,
            actual: 310,
        },
        DemoEvent {
            key: "autumn-feast",
            title: "Neighbourly feast to welcome the autumn",
            description: "Neighbours meet before the autumn: a harvest table from the social garden, games and a concert.",
            kind: "celebration",
            date: autumn_feast,
            start: "14:00",
            end: "18:00",
            weekly_until: None,
            venue: None,
            address: "Courtyard of block 12, ul. Kaczorówka 14, Kraków",
            organizers: &[LAP, COUNCIL, HOUSING, SENIORS],
            audiences: &["families", "children"],
            expected: 250,
            actual: 270,
        },
        // Deliberate clash: the same children, the same Saturday, planned apart.
        DemoEvent {
            key: "autumn-games",
            title: "Autumn outdoor games for children",
            description: "Outdoor games for pupils and their younger siblings, planned by the school on its own.",
            kind: "action",
            date: autumn_feast,
            start: "10:00",
            end: "13:00",
            weekly_until: None,
            venue: None,
            address: "School yard, ul. Wojciechowskiego 1, Kraków",
            organizers: &[SCHOOL],
            audiences: &["children"],
            expected: 60,
            actual: 41,
        },
        DemoEvent {
            key: "seniors-anniversary",
            title: "5th anniversary of the Seniors' Club",
            description: "Five years of the Seniors' Club, celebrated with the neighbours: a photo exhibition, a cake and a dance.",
            kind: "celebration",
            date: anniversary,
            start: "16:00",
            end: "19:00",
            weekly_until: None,
            venue: Some(COMMON_ROOM),
            address: "",
            organizers: &[SENIORS, LAP],
            audiences: &["seniors"],
            expected: 60,
            actual: 72,
        },
        // Deliberate clash: the school hall booked twice at the time of the 3rd meeting.
        DemoEvent {
            key: "parents-meeting",
            title: "Parents' meeting",
            description: "The school's meeting with parents of the younger classes.",
            kind: "meeting",
            date: third_meeting,
            start: "17:30",
            end: "19:00",
            weekly_until: None,
            venue: Some(SCHOOL_HALL),
            address: "",
            organizers: &[SCHOOL],
            audiences: &["adults"],
            expected: 60,
            actual: 55,
        },
        DemoEvent {
            key: "open-day",
            title: "Open day of the Local Activity Point",
            description: "Every institution of Azory presents what it offers to residents: stands, short talks and a children's corner.",
            kind: "action",
            date: open_day,
            start: "11:00",
            end: "14:00",
            weekly_until: None,
            venue: Some(SCHOOL_HALL),
            address: "",
            organizers: &[LAP, COUNCIL],
            audiences: &["everyone"],
            expected: 100,
            actual: 0,
        },
        // Deliberate clash ahead: planned later for the same hall and the same Saturday; its
        // organisers may join the open day instead.
        DemoEvent {
            key: "toy-swap",
            title: "Toy and book swap",
            description: "Families swap toys and children's books they no longer need.",
            kind: "action",
            date: open_day,
            start: "12:00",
            end: "15:00",
            weekly_until: None,
            venue: Some(SCHOOL_HALL),
            address: "",
            organizers: &[CHILDREN, HOUSING],
            audiences: &["families", "children"],
            expected: 60,
            actual: 0,
        },
        DemoEvent {
            key: "christmas-tree",
            title: "Decorating the estate's Christmas tree",
            description: "Children and seniors decorate the Christmas tree in the courtyard with ornaments made at the workshops.",
            kind: "celebration",
            date: tree,
            start: "12:00",
            end: "14:00",
            weekly_until: None,
            venue: None,
            address: "Courtyard of block 12, ul. Kaczorówka 14, Kraków",
            organizers: &[HOUSING, CHILDREN, LAP],
            audiences: &["everyone"],
            expected: 80,
            actual: 95,
        },
        DemoEvent {
            key: "christmas-party",
            title: "Christmas party of the neighbours",
            description: "Carols, a nativity play by the pupils and a shared table, for families and seniors together.",
            kind: "celebration",
            date: party,
            start: "15:00",
            end: "18:00",
            weekly_until: None,
            venue: Some(SCHOOL_HALL),
            address: "",
            organizers: &[SENIORS, LAP, SCHOOL],
            audiences: &["families", "seniors"],
            expected: 120,
            actual: 140,
        },
        DemoEvent {
            key: "christmas-eve",
            title: "Christmas Eve for lonely seniors",
            description: "A Christmas Eve supper for seniors who would otherwise spend it alone; volunteers bring those who cannot walk.",
            kind: "celebration",
            date: christmas_eve,
            start: "15:00",
            end: "19:00",
            weekly_until: None,
            venue: Some(COMMON_ROOM),
            address: "",
            organizers: &[LAP, SENIORS, COUNCIL],
            audiences: &["seniors"],
            expected: 40,
            actual: 38,
        },
    ]
}

fn demo_uid(key: &str) -> String {
    format!("azory-{key}@demo.cospace")
}

/// Azory's common calendar: regular activities, feasts, Christmas events, citizens' budget
/// meetings, a few clashes, and the series of meetings of the local group of leaders with
/// their records. Events are built as user input and validated like it.
async fn load_calendar(state: &AppState, world: &DemoWorld) -> Result<(), ServiceError> {
    let Some(azory) = world.space(&state.db, "azory").await? else {
        return Ok(());
    };
    let organizations = azory_organizations(state, &azory).await?;
    let org = |name: &str| {
        organizations
            .get(name)
            .copied()
            .ok_or_else(|| StoreError::Internal(format!("demo organisation {name} missing")))
    };
    let venues: std::collections::HashMap<String, i64> =
        crate::lookups::usable_venues(state, azory.id(), &[], 100)
            .await?
            .into_iter()
            .map(|v| (v.title, v.id))
            .collect();
    let admin_user = &world.admin;
    let context = world.context(&state.db, "azory").await?;
    let zone =
        Zone::parse("time_zone", "Europe/Warsaw").map_err(|e| cospace_core::Invalid(vec![e]))?;
    let now = Utc::now();
    let today = zone.to_local(now).date();
    let day = |date: chrono::NaiveDate| date.format("%Y-%m-%d").to_string();

    // The meetings of the local group of leaders: five, every second Tuesday at 17:00, from
    // three months ago; the Local Activity Point organises them and invites the others.
    // It is planned first: the events booked later in its hall are the ones that clash.
    let uid = demo_uid("leaders-meetings");
    let new_series = calendar::event_by_uid(&state.db, &uid).await?.is_none();
    if new_series {
        let first_meeting = second_tuesday(today, -3);
        let input = EventInput {
            title: "Meeting of the local group of leaders".into(),
            description: "The local group of leaders of Azory: the institutions of the estate meet to plan together, share resources and coordinate their events.".into(),
            kind: "meeting".into(),
            time_zone: zone.name().into(),
            start_date: day(first_meeting),
            start_time: "17:00".into(),
            end_time: "19:00".into(),
            repeat: "custom".into(),
            rrule: format!("FREQ=MONTHLY;BYDAY=2TU;COUNT={}", MEETINGS.len()),
            venue: venues
                .get(SCHOOL_HALL)
                .map(|v| v.to_string())
                .unwrap_or_default(),
            organizers: vec![org(LAP)?.to_string(), org(COUNCIL)?.to_string()],
            audiences: vec!["adults".into()],
            expected_participants: "20".into(),
            status: "confirmed".into(),
            ..Default::default()
        };
        let draft = EventDraft::parse(&input)?;
        service::check_references(state, &context, admin_user, &draft, None).await?;
        let series =
            service::create_unchecked(state, azory.id(), Some(admin_user), &draft, Some(&uid))
                .await?;
        let row = calendar::event(&state.db, series).await?;
        let invited = [SENIORS, CHILDREN, SCHOOL, GREEN, HOUSING]
            .iter()
            .map(|name| org(name))
            .collect::<Result<Vec<_>, _>>()?;
        meetings::invite(
            state,
            &context,
            admin_user,
            &row,
            &invited,
            &format!("{}/spaces/azory/calendar/events/{series}", world.base_url),
        )
        .await?;
        // An extra meeting off the rule (RDATE, the fourth Tuesday of this month) and a last
        // meeting with its own title (a changed occurrence): the feeds publish both, so the
        // outside parsers check them too.
        let at_five = |date: chrono::NaiveDate| date.and_hms_opt(17, 0, 0).unwrap_or_default();
        let extra = at_five(second_tuesday(today, 0) + Duration::days(14));
        let mut details = calendar::details(&state.db, &[series]).await?;
        details.rdates.insert(series, vec![extra]);
        let rule = row.rule();
        let span = calendar::span(&calendar::series(&row, rule.as_ref(), &details));
        let mut tx = state.db.begin().await?;
        calendar::add_rdate(&mut tx, series, extra).await?;
        calendar::set_span(&mut tx, series, span).await?;
        tx.commit().await?;
        let last = at_five(second_tuesday(today, MEETINGS.len() as i32 - 4));
        service::change_occurrence(
            state,
            &context,
            admin_user,
            &row,
            last,
            service::OccurrenceChange::Move {
                start: last,
                end: last + Duration::hours(2),
                title: Some("Local leaders: the Social Centre plan".into()),
                description: Some(
                    "The last meeting of the season: the partners agree the plan of the Social Centre."
                        .into(),
                ),
            },
        )
        .await?;
    }

    let mut open_day = None;
    for event in azory_year(today) {
        let uid = demo_uid(event.key);
        if let Some(existing) = calendar::event_by_uid(&state.db, &uid).await? {
            if event.key == "open-day" {
                open_day = Some((existing.id, event.date));
            }
            continue;
        }
        let start = chrono::NaiveTime::parse_from_str(event.start, "%H:%M")
            .map_err(|e| StoreError::Internal(e.to_string()))?;
        let past = event.weekly_until.is_none() && zone.to_utc(event.date.and_time(start)) < now;
        let venue = match event.venue {
            Some(title) => Some(
                venues
                    .get(title)
                    .copied()
                    .ok_or_else(|| StoreError::Internal(format!("demo venue {title} missing")))?,
            ),
            None => None,
        };
        let input = EventInput {
            title: event.title.into(),
            description: event.description.into(),
            kind: event.kind.into(),
            time_zone: zone.name().into(),
            start_date: day(event.date),
            start_time: event.start.into(),
            end_time: event.end.into(),
            repeat: if event.weekly_until.is_some() {
                "weekly".into()
            } else {
                String::new()
            },
            repeat_ends: if event.weekly_until.is_some() {
                "until".into()
            } else {
                String::new()
            },
            repeat_until: event.weekly_until.map(day).unwrap_or_default(),
            venue: venue.map(|v| v.to_string()).unwrap_or_default(),
            address: event.address.into(),
            organizers: event
                .organizers
                .iter()
                .map(|name| org(name).map(|id| id.to_string()))
                .collect::<Result<_, _>>()?,
            audiences: event.audiences.iter().map(|a| a.to_string()).collect(),
            expected_participants: event.expected.to_string(),
            actual_participants: if past && event.actual > 0 {
                event.actual.to_string()
            } else {
                String::new()
            },
            status: if past { "done" } else { "confirmed" }.into(),
            ..Default::default()
        };
        let draft = EventDraft::parse(&input)?;
        service::check_references(state, &context, admin_user, &draft, None).await?;
        let id = service::create_unchecked(state, azory.id(), Some(admin_user), &draft, Some(&uid))
            .await?;
        if event.key == "open-day" {
            open_day = Some((id, event.date));
        }
    }

    // The record of each meeting, once the series is new.
    let Some(row) = calendar::event_by_uid(&state.db, &uid).await? else {
        return Ok(());
    };
    if !new_series {
        return Ok(());
    }
    let series = row.id;
    for (n, meeting) in MEETINGS.iter().enumerate() {
        let date = second_tuesday(today, n as i32 - 3);
        let at = date.and_hms_opt(17, 0, 0).unwrap_or_default();
        macro_rules! record {
            ($change:expr) => {
                meetings::record(state, &context, admin_user, &row, at, $change).await
            };
        }
        for item in meeting.agenda {
            record!(Record::AgendaItem(item))?;
        }
        if zone.to_utc(at) >= now {
            continue;
        }
        record!(Record::People(Some(meeting.people)))?;
        for (name, people) in meeting.attendance {
            record!(Record::Attendance {
                organization: org(name)?,
                people: *people,
            })?;
        }
        record!(Record::Minutes(meeting.minutes))?;
        for decision in meeting.decisions {
            record!(Record::Decision(decision))?;
        }
        for (title, owner, due, status, follow_up) in meeting.actions {
            let draft = ActionItemDraft::parse(&ActionItemInput {
                title: (*title).into(),
                owner: org(owner)?.to_string(),
                // An item followed up by an event is due a few days before it.
                due_date: day(match open_day {
                    Some((_, on)) if *follow_up => on - Duration::days(3),
                    _ => date + Duration::days(*due),
                }),
                follow_up: match open_day {
                    Some((id, _)) if *follow_up => id.to_string(),
                    _ => String::new(),
                },
            })?;
            record!(Record::ActionItem(&draft))?;
            let status = ActionStatus::parse(status)
                .map_err(|_| StoreError::Internal(format!("demo status {status}")))?;
            if status == ActionStatus::Open {
                continue;
            }
            let items = meetings::action_items_of_series(&state.db, series).await?;
            if let Some(item) = items.iter().find(|i| i.title == *title) {
                meetings::set_action_status(state, &context, admin_user, item, status).await?;
            }
        }
    }
    Ok(())
}
