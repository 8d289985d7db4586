//! Learning a fact never undoes a decided verdict: Kleene logic is monotone, and so must be
//! everything built on it (derived facts, aggregates, gated facts, absent values).

use proptest::prelude::*;
use puskesos_core::rules::*;
use rand::SeedableRng;

use crate::generate::{clear, household, slots};
use crate::support::*;

/// Every fact that could be hidden: up to 29 household slots and 13 per member, 10 members.
const MAX_SLOTS: usize = 29 + 13 * 10;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn adding_known_facts_never_turns_a_decided_verdict_into_needs_data(
        seed in any::<u64>(),
        hidden in proptest::collection::vec(prop::bool::weighted(0.35), MAX_SLOTS),
        revealed in proptest::collection::vec(any::<bool>(), MAX_SLOTS),
    ) {
        let pack = pack();
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let full = household(&mut rng, day());
        let mut less = full.clone();
        let mut more = full.clone();
        for slot in 0..slots(&full).min(MAX_SLOTS) {
            if hidden[slot] {
                clear(&mut less, slot);
                if !revealed[slot] {
                    clear(&mut more, slot);
                }
            }
        }
        let before = evaluate(&pack, &less, day());
        let after = evaluate(&pack, &more, day());
        let complete = evaluate(&pack, &full, day());
        for ((b, a), c) in before.results.iter().zip(&after.results).zip(&complete.results) {
            // A fully known household is always decided.
            prop_assert_ne!(c.verdict, Verdict::NeedsData, "{}", c.programme_id);
            if b.verdict != Verdict::NeedsData {
                prop_assert_eq!(a.verdict, b.verdict, "{} changed after learning facts", &b.programme_id);
                prop_assert_eq!(c.verdict, b.verdict, "{}", &b.programme_id);
            } else {
                // The missing facts are exactly among the hidden ones: asking them helps.
                prop_assert!(!b.missing.is_empty());
            }
        }
        // The welfare score's range always holds the complete household's score.
        let partial = welfare_score(&pack, &less, day()).unwrap();
        let exact = welfare_score(&pack, &full, day()).unwrap();
        prop_assert!(partial.score_low <= exact.score && exact.score <= partial.score_high);
        prop_assert!(partial.desil_low <= exact.desil && exact.desil <= partial.desil_high);
    }
}
