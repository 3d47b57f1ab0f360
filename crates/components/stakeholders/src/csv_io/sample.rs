//! A generator of realistic organisations around Kraków, for benchmarks and tests: the
//! same seed gives the same file.

use super::parse::*;
use crate::export::{csv_header, Row};
use cospace_core::text;

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A value in [-1, 1).
    fn signed_unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 52) as f64 - 1.0
    }
}

const SAMPLE_ORGANIZATIONS: &[(&str, &str, &str)] = &[
    ("Stowarzyszenie Mieszkańców", "ngo", "neighbourhood"),
    ("Fundacja Dobrego Sąsiedztwa", "ngo", "city"),
    ("Klub Seniora", "grassroots", "neighbourhood"),
    ("Rada Dzielnicy", "local_government", "neighbourhood"),
    (
        "Spółdzielnia Mieszkaniowa",
        "private_sector",
        "neighbourhood",
    ),
    ("Dom Kultury", "local_government", "city"),
    ("Community Garden", "grassroots", "neighbourhood"),
    ("Neighbourhood Association", "grassroots", "neighbourhood"),
    ("Youth Centre", "ngo", "city"),
    ("Uniwersytet Trzeciego Wieku", "academia", "city"),
    ("Bank Żywności", "ngo", "regional"),
    ("Makerspace", "private_sector", "city"),
    ("Biblioteka Publiczna", "local_government", "city"),
    ("Instytut Badań Miejskich", "academia", "regional"),
    ("Green City Fund", "funder", "national"),
    ("Parafialny Zespół Caritas", "grassroots", "neighbourhood"),
];

const SAMPLE_PLACES: &[&str] = &[
    "Azory",
    "Krowodrza",
    "Bronowice",
    "Prądnik Biały",
    "Nowa Huta",
    "Podgórze",
    "Kazimierz",
    "Zabłocie",
    "Dębniki",
    "Łagiewniki",
    "Czyżyny",
    "Grzegórzki",
    "Olsza",
    "Ruczaj",
    "Bieńczyce",
    "Wola Justowska",
];

const SAMPLE_STREETS: &[&str] = &[
    "Pachońskiego",
    "Makowskiego",
    "Kazimierza Wielkiego",
    "Królewska",
    "Długa",
    "Wielicka",
    "Kalwaryjska",
    "Mogilska",
    "Lea",
    "Armii Krajowej",
    "Opolska",
    "Josepha Conrada",
];

const SAMPLE_FIRST_NAMES: &[&str] = &[
    "Anna",
    "Katarzyna",
    "Małgorzata",
    "Agnieszka",
    "Piotr",
    "Krzysztof",
    "Tomasz",
    "Paweł",
    "Magdalena",
    "Joanna",
    "Michał",
    "Łukasz",
    "Emma",
    "Oliver",
];

const SAMPLE_LAST_NAMES: &[&str] = &[
    "Nowak",
    "Wójcik",
    "Kowalczyk",
    "Mazur",
    "Krawczyk",
    "Kaczmarek",
    "Zając",
    "Król",
    "Wróbel",
    "Pawlak",
    "Walczak",
    "Stępień",
    "Smith",
    "Brown",
];

const SAMPLE_ROLES: &[&str] = &[
    "Prezes zarządu",
    "Koordynatorka",
    "Coordinator",
    "Volunteer lead",
    "Sekretarz",
    "Director",
];

/// (kind, title, description, capacity, availability)
const SAMPLE_RESOURCES: &[(&str, &str, &str, Option<u32>, &str)] = &[
    (
        "venue",
        "Sala spotkań",
        "Sala na 40 osób z rzutnikiem i nagłośnieniem",
        Some(40),
        "dni robocze po 16:00",
    ),
    (
        "venue",
        "Community hall",
        "Hall with a kitchen; step-free access",
        Some(80),
        "weekends",
    ),
    (
        "equipment",
        "Namiot i stoły",
        "Namiot 6x3 m, 10 stołów, 40 krzeseł",
        None,
        "po uzgodnieniu",
    ),
    (
        "equipment",
        "Projector and screen",
        "A portable projector, a screen and a speaker",
        None,
        "on request",
    ),
    (
        "skills",
        "Wolontariusze do drobnych remontów",
        "Ekipa złotych rączek: malowanie, naprawy, montaż",
        Some(6),
        "soboty",
    ),
    (
        "skills",
        "Grant writing support",
        "Help with applications to city and EU funds",
        None,
        "Tuesdays",
    ),
    (
        "funding",
        "Mikrogranty sąsiedzkie",
        "Do 5000 zł na inicjatywy lokalne",
        None,
        "nabór co kwartał",
    ),
    (
        "technical_support",
        "IT help desk for seniors",
        "Smartphones, e-mail and online forms, explained patiently",
        Some(10),
        "Thursdays 10:00-13:00",
    ),
    (
        "knowledge",
        "Warsztaty z ogrodnictwa miejskiego",
        "Kompostowanie, zioła na balkonie, łąki kwietne",
        Some(25),
        "wiosną i latem",
    ),
    (
        "service",
        "Transport dla seniorów",
        "Bus 8-osobowy z kierowcą",
        Some(8),
        "wtorki i czwartki",
    ),
];

/// (kind, title, description, capacity, urgency)
const SAMPLE_NEEDS: &[(&str, &str, &str, Option<u32>, &str)] = &[
    (
        "venue",
        "Sala na próby chóru",
        "Potrzebujemy sali z pianinem raz w tygodniu",
        Some(30),
        "medium",
    ),
    (
        "equipment",
        "Laptopy do kursu",
        "Kilka laptopów do kursu obsługi komputera",
        Some(8),
        "high",
    ),
    (
        "skills",
        "Volunteers for the food bank",
        "Sorting and delivering parcels on Saturdays",
        Some(12),
        "high",
    ),
    (
        "funding",
        "Funding for a playground renovation",
        "New surface and two benches",
        None,
        "low",
    ),
    (
        "technical_support",
        "Pomoc przy stronie internetowej",
        "Aktualizacja strony i kalendarza wydarzeń",
        None,
        "medium",
    ),
    (
        "knowledge",
        "Training in first aid",
        "A course for our volunteers",
        Some(15),
        "critical",
    ),
    (
        "service",
        "Catering na festyn",
        "Poczęstunek dla 200 osób na festynie sąsiedzkim",
        Some(200),
        "medium",
    ),
    (
        "other",
        "Miejsce do przechowywania",
        "Piwnica lub garaż na sprzęt festynowy",
        None,
        "low",
    ),
];

const SAMPLE_SDGS: &[&str] = &[
    "11.1", "11.3", "11.7", "3.4", "4.4", "1.4", "10.2", "13.3", "5.5", "17.17",
];

/// A realistic sample file of `organizations` organisations around Kraków (a 10 km box around
/// 50.06 N, 19.94 E), each with 0–2 contacts and 3 resources and needs on average: about five
/// rows per organisation. The same `seed` gives the same file.
pub fn synthetic_csv(organizations: usize, seed: u64) -> String {
    let mut rng = Rng(seed);
    let mut out = String::with_capacity(organizations * 900);
    csv_header(&mut out);
    // ±5 km: 0.045° of latitude, 0.07° of longitude at 50° N.
    let point = |rng: &mut Rng| {
        (
            format!("{:.5}", 50.06 + 0.045 * rng.signed_unit()),
            format!("{:.5}", 19.94 + 0.07 * rng.signed_unit()),
        )
    };
    for n in 1..=organizations {
        let org_ref = format!("o{n}");
        let (prefix, sector, level) = *rng.pick(SAMPLE_ORGANIZATIONS);
        let place = *rng.pick(SAMPLE_PLACES);
        let street = *rng.pick(SAMPLE_STREETS);
        let address = format!("ul. {street} {}, Kraków", 1 + rng.below(120));
        let (lat, lon) = point(&mut rng);
        let description = if rng.below(4) == 0 {
            format!(
                "Działamy od {} r.; prowadzimy \"Kawiarenkę\" dla sąsiadów,\nwarsztaty i spacery po dzielnicy {place}.",
                1990 + rng.below(34)
            )
        } else {
            format!("{prefix} {place}: spotkania, pomoc sąsiedzka i wydarzenia dla mieszkańców.")
        };
        let languages = ["pl", "pl|en", "pl|en|es", "en"][rng.below(4)];
        let mut sdgs: Vec<&str> = (0..1 + rng.below(3))
            .map(|_| *rng.pick(SAMPLE_SDGS))
            .collect();
        sdgs.sort();
        sdgs.dedup();
        let website = if rng.below(2) == 0 {
            format!("https://org{n}.example.org")
        } else {
            String::new()
        };
        Row::new(RecordType::Organization, &org_ref)
            .text(col::NAME, format!("{prefix} {place} {n}"))
            .code(col::SECTOR, sector)
            .code(col::LEVEL, level)
            .text(col::DESCRIPTION, description)
            .text(col::WEBSITE, website)
            .code(col::LANGUAGES, languages)
            .code(col::SDG_TARGETS, sdgs.join("|"))
            .text(col::ADDRESS, address.as_str())
            .code(col::LAT, lat.as_str())
            .code(col::LON, lon.as_str())
            .write(&mut out);
        for _ in 0..rng.below(3) {
            let first = *rng.pick(SAMPLE_FIRST_NAMES);
            let last = *rng.pick(SAMPLE_LAST_NAMES);
            let email = format!("{}.{}@example.org", text::fold(first), text::fold(last));
            Row::new(RecordType::Contact, &org_ref)
                .text(col::PERSON, format!("{first} {last}"))
                .text(col::ROLE, *rng.pick(SAMPLE_ROLES))
                .text(col::EMAIL, email)
                .text(
                    col::PHONE,
                    format!(
                        "+48 12 {:03} {:02} {:02}",
                        rng.below(1000),
                        rng.below(100),
                        rng.below(100)
                    ),
                )
                .code(
                    col::VISIBILITY,
                    ["public", "members", "admins"][rng.below(3)],
                )
                .write(&mut out);
        }
        for _ in 0..rng.below(4) {
            let (kind, title, description, capacity, availability) = *rng.pick(SAMPLE_RESOURCES);
            let located = kind != "funding" && rng.below(4) != 0;
            let (lat, lon) = if located {
                point(&mut rng)
            } else {
                Default::default()
            };
            Row::new(RecordType::Resource, &org_ref)
                .code(col::KIND, kind)
                .text(col::TITLE, title)
                .text(col::DESCRIPTION, description)
                .code(
                    col::CAPACITY,
                    capacity.map(|c| c.to_string()).unwrap_or_default(),
                )
                .text(col::AVAILABILITY, availability)
                .text(col::ADDRESS, if located { address.as_str() } else { "" })
                .code(col::LAT, lat)
                .code(col::LON, lon)
                .write(&mut out);
        }
        for _ in 0..rng.below(4) {
            let (kind, title, description, capacity, urgency) = *rng.pick(SAMPLE_NEEDS);
            let located = kind != "funding" && rng.below(3) != 0;
            let (lat, lon) = if located {
                point(&mut rng)
            } else {
                Default::default()
            };
            Row::new(RecordType::Need, &org_ref)
                .code(col::KIND, kind)
                .text(col::TITLE, title)
                .text(col::DESCRIPTION, description)
                .code(
                    col::CAPACITY,
                    capacity.map(|c| c.to_string()).unwrap_or_default(),
                )
                .code(col::URGENCY, urgency)
                .code(col::STATUS, if rng.below(10) == 0 { "met" } else { "open" })
                .text(col::ADDRESS, if located { address.as_str() } else { "" })
                .code(col::LAT, lat)
                .code(col::LON, lon)
                .write(&mut out);
        }
    }
    out
}
