//! Synergies: how well a resource could meet a need, with the reasons a person can check.
//!
//! A score out of 100 adds four parts — kind (40), distance (25), words in common (25) and
//! capacity (10) — and every part that contributes leaves a [`Reason`]. Pure: callers bring
//! the facts, usually a need and the candidates a database query narrowed down.

use crate::geo::Point;
use crate::stakeholders::{Kind, Urgency};
use serde::{Deserialize, Serialize};

/// What matching knows about one side (a need, or a resource on offer).
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    pub organization: i64,
    pub kind: Kind,
    pub location: Option<Point>,
    /// Folded keywords of title and description ([`crate::text::keywords`]).
    pub keywords: Vec<String>,
    /// A resource's capacity, or the amount a need asks for.
    pub capacity: Option<i64>,
}

/// Why a pair scored what it did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Reason {
    SameKind { kind: Kind },
    RelatedKind { need: Kind, offer: Kind },
    Distance { meters: u32 },
    CommonWords { words: Vec<String> },
    CapacityFits { capacity: i64, needed: i64 },
    CapacityShort { capacity: i64, needed: i64 },
}

/// A score with its reasons, strongest contribution first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    /// 0–100.
    pub total: f64,
    pub reasons: Vec<Reason>,
}

const KIND_WEIGHT: f64 = 40.0;
const DISTANCE_WEIGHT: f64 = 25.0;
const WORDS_WEIGHT: f64 = 25.0;
const CAPACITY_WEIGHT: f64 = 10.0;
/// Distance at which the distance part halves.
const HALF_DISTANCE_M: f64 = 1_000.0;
/// Beyond this, distance earns nothing and is not given as a reason.
pub const MAX_DISTANCE_M: f64 = 25_000.0;
/// Words in common that earn the full words part.
const FULL_WORDS: f64 = 3.0;

/// Kinds that can stand in for each other in part: a need for technical support can often be
/// met by knowledge or skills, a service by skills, a venue sometimes comes with equipment.
pub fn related(need: Kind, offer: Kind) -> bool {
    use Kind::*;
    matches!(
        (need, offer),
        (TechnicalSupport, Knowledge)
            | (TechnicalSupport, Skills)
            | (Knowledge, TechnicalSupport)
            | (Knowledge, Skills)
            | (Skills, TechnicalSupport)
            | (Skills, Service)
            | (Service, Skills)
            | (Equipment, Venue)
            | (Other, _)
            | (_, Other)
    )
}

/// The kinds whose offers could meet a need of `need` kind (itself first).
pub fn kinds_for(need: Kind) -> Vec<Kind> {
    let mut kinds = vec![need];
    kinds.extend(
        Kind::ALL
            .iter()
            .copied()
            .filter(|k| *k != need && related(need, *k)),
    );
    kinds
}

/// How well `offer` could meet `need`; `None` when it cannot at all (unrelated kinds, or the
/// same organisation on both sides — that is not a synergy).
pub fn score(need: &Facts, offer: &Facts) -> Option<Score> {
    if need.organization == offer.organization {
        return None;
    }
    let mut parts: Vec<(f64, Reason)> = Vec::new();
    if need.kind == offer.kind {
        parts.push((KIND_WEIGHT, Reason::SameKind { kind: need.kind }));
    } else if related(need.kind, offer.kind) {
        parts.push((
            KIND_WEIGHT / 2.0,
            Reason::RelatedKind {
                need: need.kind,
                offer: offer.kind,
            },
        ));
    } else {
        return None;
    }
    if let (Some(a), Some(b)) = (need.location, offer.location) {
        let meters = a.distance_m(b);
        if meters <= MAX_DISTANCE_M {
            let part = DISTANCE_WEIGHT * 0.5f64.powf(meters / HALF_DISTANCE_M);
            parts.push((
                part,
                Reason::Distance {
                    meters: meters.round() as u32,
                },
            ));
        }
    }
    let common = common_words(&need.keywords, &offer.keywords);
    if !common.is_empty() {
        let part = WORDS_WEIGHT * (common.len() as f64 / FULL_WORDS).min(1.0);
        parts.push((part, Reason::CommonWords { words: common }));
    }
    if let (Some(needed), Some(capacity)) = (need.capacity, offer.capacity) {
        if capacity >= needed {
            parts.push((CAPACITY_WEIGHT, Reason::CapacityFits { capacity, needed }));
        } else {
            let part = CAPACITY_WEIGHT * capacity as f64 / needed as f64;
            parts.push((part, Reason::CapacityShort { capacity, needed }));
        }
    }
    let total = parts.iter().map(|(p, _)| p).sum::<f64>().clamp(0.0, 100.0);
    parts.sort_by(|a, b| b.0.total_cmp(&a.0));
    Some(Score {
        total: (total * 10.0).round() / 10.0,
        reasons: parts.into_iter().map(|(_, r)| r).collect(),
    })
}

/// Sorted keywords that appear on both sides (both inputs sorted and unique).
fn common_words(a: &[String], b: &[String]) -> Vec<String> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i].clone());
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// The best `limit` candidates for a need, highest score first; ties go to the lower id, so
/// the order is stable between requests.
pub fn rank<Id: Copy + Ord>(
    need: &Facts,
    candidates: &[(Id, Facts)],
    limit: usize,
) -> Vec<(Id, Score)> {
    let mut scored: Vec<(Id, Score)> = candidates
        .iter()
        .filter_map(|(id, facts)| score(need, facts).map(|s| (*id, s)))
        .collect();
    scored.sort_by(|a, b| b.1.total.total_cmp(&a.1.total).then(a.0.cmp(&b.0)));
    scored.truncate(limit);
    scored
}

/// Orders open needs for attention: the more urgent first, then the better best match.
pub fn urgency_weight(urgency: Urgency) -> u8 {
    match urgency {
        Urgency::Critical => 3,
        Urgency::High => 2,
        Urgency::Medium => 1,
        Urgency::Low => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::keywords;
    use proptest::prelude::*;

    fn facts(
        org: i64,
        kind: Kind,
        at: Option<(f64, f64)>,
        text: &str,
        capacity: Option<i64>,
    ) -> Facts {
        Facts {
            organization: org,
            kind,
            location: at.map(|(lat, lon)| Point { lat, lon }),
            keywords: keywords(text),
            capacity,
        }
    }

    #[test]
    fn explains_a_good_match() {
        let need = facts(
            1,
            Kind::Venue,
            Some((50.0857, 19.9016)),
            "room for the seniors club meetings",
            Some(30),
        );
        let hall = facts(
            2,
            Kind::Venue,
            Some((50.0880, 19.9040)),
            "School hall for club meetings",
            Some(80),
        );
        let score = score(&need, &hall).unwrap();
        assert!(score.total > 70.0, "{score:?}");
        assert_eq!(score.reasons[0], Reason::SameKind { kind: Kind::Venue });
        assert!(score
            .reasons
            .iter()
            .any(|r| matches!(r, Reason::Distance { meters } if (250..400).contains(meters))));
        assert!(score.reasons.contains(&Reason::CommonWords {
            words: vec!["club".into(), "meetings".into()]
        }));
        assert!(score.reasons.contains(&Reason::CapacityFits {
            capacity: 80,
            needed: 30
        }));
    }

    #[test]
    fn refuses_impossible_pairs() {
        let need = facts(1, Kind::Funding, None, "grant", None);
        assert_eq!(
            score(&need, &facts(2, Kind::Venue, None, "grant", None)),
            None
        );
        assert_eq!(
            score(&need, &facts(1, Kind::Funding, None, "grant", None)),
            None
        );
        assert!(score(&need, &facts(2, Kind::Funding, None, "", None)).is_some());
    }

    #[test]
    fn related_kinds_score_half() {
        let need = facts(1, Kind::TechnicalSupport, None, "", None);
        let s = score(&need, &facts(2, Kind::Knowledge, None, "", None)).unwrap();
        assert_eq!(s.total, 20.0);
        assert_eq!(kinds_for(Kind::TechnicalSupport)[0], Kind::TechnicalSupport);
        assert!(kinds_for(Kind::Funding).contains(&Kind::Other));
        assert!(!kinds_for(Kind::Funding).contains(&Kind::Venue));
    }

    #[test]
    fn ranking_is_ordered_and_stable() {
        let need = facts(1, Kind::Venue, Some((50.0, 20.0)), "hall", None);
        let candidates = vec![
            (3, facts(2, Kind::Venue, Some((50.0, 20.0)), "hall", None)),
            (1, facts(3, Kind::Venue, Some((50.0, 20.0)), "hall", None)),
            (2, facts(4, Kind::Venue, Some((50.1, 20.0)), "", None)),
            (4, facts(5, Kind::Funding, None, "hall", None)),
        ];
        let ranked: Vec<i32> = rank(&need, &candidates, 10)
            .iter()
            .map(|(id, _)| *id)
            .collect();
        assert_eq!(ranked, [1, 3, 2]);
        assert_eq!(rank(&need, &candidates, 1).len(), 1);
    }

    fn any_kind() -> impl Strategy<Value = Kind> {
        proptest::sample::select(Kind::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn scores_stay_between_0_and_100(
            nk in any_kind(), ok in any_kind(),
            lat in 49.9f64..50.2, lon in 19.8f64..20.1, lat2 in 49.9f64..50.2, lon2 in 19.8f64..20.1,
            needed in proptest::option::of(1i64..500), capacity in proptest::option::of(1i64..500),
            words in "[a-z ]{0,40}", words2 in "[a-z ]{0,40}",
        ) {
            let need = facts(1, nk, Some((lat, lon)), &words, needed);
            let offer = facts(2, ok, Some((lat2, lon2)), &words2, capacity);
            if let Some(s) = score(&need, &offer) {
                prop_assert!((0.0..=100.0).contains(&s.total));
                prop_assert!(!s.reasons.is_empty());
            }
        }

        #[test]
        fn closer_never_scores_lower(
            kind in any_kind(), d1 in 0.0f64..0.2, d2 in 0.0f64..0.2, words in "[a-z ]{0,30}",
        ) {
            let need = facts(1, kind, Some((50.0, 20.0)), &words, None);
            let near = facts(2, kind, Some((50.0 + d1.min(d2), 20.0)), &words, None);
            let far = facts(2, kind, Some((50.0 + d1.max(d2), 20.0)), &words, None);
            prop_assert!(score(&need, &near).unwrap().total >= score(&need, &far).unwrap().total);
        }

        #[test]
        fn another_shared_word_never_lowers_the_score(kind in any_kind(), words in "[a-z]{3,8}( [a-z]{3,8}){0,4}") {
            let need = facts(1, kind, None, &format!("{words} extra"), None);
            let without = facts(2, kind, None, &words, None);
            let with = facts(2, kind, None, &format!("{words} extra"), None);
            prop_assert!(score(&need, &with).unwrap().total >= score(&need, &without).unwrap().total);
        }

        #[test]
        fn more_capacity_never_lowers_the_score(kind in any_kind(), needed in 1i64..1000, c1 in 1i64..2000, c2 in 1i64..2000) {
            let need = facts(1, kind, None, "", Some(needed));
            let small = facts(2, kind, None, "", Some(c1.min(c2)));
            let large = facts(2, kind, None, "", Some(c1.max(c2)));
            prop_assert!(score(&need, &large).unwrap().total >= score(&need, &small).unwrap().total);
        }
    }
}
