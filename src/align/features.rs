//! What the learned decision sees of a commitment and its candidate evidence: a handful of
//! interpretable numbers, the same for every pair, so a weight fitted on some pairs means the same
//! on the next.

use super::score::Match;
use super::Role;

/// Feature names, in column order (the weights file lists them too, and is refused if they differ).
pub const FEATURES: [&str; 21] = [
    "score",
    "share",
    "peak",
    "mass",
    "key_named",
    "bigrams",
    "bigrams_max",
    "second",
    "good_sentences",
    "next_steps",
    "shortcoming",
    "has_target",
    "targets_met",
    "target_unmet",
    "progress",
    "unfilled",
    "rival",
    "length",
    "terms",
    "other_place",
    "focus",
];

/// Everything about one commitment's evidence that is not in its candidate matches.
#[derive(Debug, Clone, Copy, Default)]
pub struct Facts {
    /// The commitment has quantitative targets.
    pub has_target: bool,
    /// Share of its targets the best evidence names with a figure that meets them.
    pub targets_met: f64,
    /// A target's reported figure falls short.
    pub target_unmet: bool,
    /// The best evidence reports progress short of a promised completion.
    pub progress: bool,
    /// The evidence leaves a figure unfilled (多少次, *次).
    pub unfilled: bool,
    /// Best score any other task's clause reaches on this commitment's best sentence.
    pub rival: f64,
    pub chars: usize,
    pub terms: usize,
    /// The best evidence names a place the commitment does not (杭州综保区 for 舟山港综保区).
    pub other_place: bool,
    /// How much of the commitment one comma clause of the best sentence tells ([`focus`]).
    pub focus: f64,
}

/// The feature row of a commitment from its candidates (best first) and facts.
pub fn row(candidates: &[Match], roles: &[Role], facts: &Facts) -> Vec<f64> {
    let best_in = |role: Role| candidates.iter().find(|m| roles[m.unit] == role);
    let ach: Vec<&Match> = candidates
        .iter()
        .filter(|m| roles[m.unit] == Role::Achievement)
        .collect();
    let best = ach.first().copied().cloned().unwrap_or_default();
    let second = ach.get(1).map_or(0.0, |m| m.score);
    let good = ach.iter().filter(|m| m.score >= 0.4).count();
    let bigrams_max = ach.iter().map(|m| m.bigrams).fold(0.0, f64::max);
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    vec![
        best.score,
        best.share,
        best.peak.ln_1p(),
        best.mass.ln_1p(),
        flag(best.key_named),
        best.bigrams,
        bigrams_max,
        second,
        (good as f64).ln_1p(),
        best_in(Role::NextSteps).map_or(0.0, |m| m.score),
        best_in(Role::Shortcoming).map_or(0.0, |m| m.score),
        flag(facts.has_target),
        facts.targets_met,
        flag(facts.target_unmet),
        flag(facts.progress),
        flag(facts.unfilled),
        facts.rival - best.score,
        (facts.chars as f64).ln_1p(),
        (facts.terms as f64).ln_1p(),
        flag(facts.other_place),
        facts.focus,
    ]
}

/// How much of a commitment one comma clause of a sentence tells, scaled by how much of the
/// sentence's overlap that clause holds: a review sentence listing many works (…管网改造38.6公里，
/// …节能改造9万平方米，…新建改造公厕34座) can share a commitment's characters scattered over works of
/// other tasks, while evidence tells of the commitment's work in one clause. With `b` the best
/// clause's shared distinct character bigrams, `s` the whole sentence's and `o` the commitment's:
/// b / √(s·o) — the clause's share of the overlap (b/s) times the root of the overlap's share of
/// the commitment (s/o); 0 when nothing is shared. Chosen by CV over b/s and b/o (docs/gap-model.md).
pub fn focus(commitment: &str, sentence: &str) -> f64 {
    let mut own: Vec<(char, char)> = crate::segment::word_bigrams(commitment).collect();
    own.sort_unstable();
    own.dedup();
    if own.is_empty() {
        return 0.0;
    }
    // One pass over the sentence (this runs for every commitment of every pair): each of the
    // commitment's bigrams is marked once for the sentence and once for the clause it is met in;
    // a bigram across a clause's end counts for the sentence only.
    let (mut in_sentence, mut in_clause) = (vec![false; own.len()], vec![0usize; own.len()]);
    let (mut shared, mut clause, mut here, mut best) = (0, 1, 0, 0);
    let mut prev: Option<char> = None;
    let mut crossed = false;
    for c in sentence.chars() {
        if CLAUSE_ENDS.contains(&c) {
            best = best.max(here);
            (clause, here, crossed) = (clause + 1, 0, true);
            continue;
        }
        if !crate::segment::is_word_char(c) {
            continue;
        }
        if let Some(k) = prev.and_then(|p| own.binary_search(&(p, c)).ok()) {
            if !std::mem::replace(&mut in_sentence[k], true) {
                shared += 1;
            }
            if !crossed && std::mem::replace(&mut in_clause[k], clause) != clause {
                here += 1;
            }
        }
        (prev, crossed) = (Some(c), false);
    }
    if shared == 0 {
        return 0.0;
    }
    best.max(here) as f64 / (shared as f64 * own.len() as f64).sqrt()
}

/// Where a sentence's comma clauses end, for [`focus`] (the marks of `extract::target::clauses`
/// and the ASCII colon, which `focus` was chosen with).
const CLAUSE_ENDS: [char; 9] = ['，', ',', '；', ';', '：', ':', '。', '！', '？'];
