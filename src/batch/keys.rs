//! What a cached result and the written outputs depend on, as keys: the documents, the
//! dictionaries and luoshi's own code (`provenance::code_hash`).

use super::Group;
use crate::error::Error;
use crate::load;
use std::path::PathBuf;

/// Bump when cached results would no longer match what this version computes.
const CACHE_VERSION: u32 = 1;

/// Everything the outputs depend on: each unit-year's cache key (documents, dictionaries,
/// analysis code), the errors, and the rendering code.
pub(super) fn outputs_signature(keys: &[String], errors: &[Error]) -> String {
    let mut s = format!("v{CACHE_VERSION}|{}\n", env!("CARGO_PKG_VERSION"));
    s.push_str(crate::provenance::code_hash());
    s.push('\n');
    for k in keys {
        s.push_str(k);
        s.push('\n');
    }
    for e in errors {
        s.push_str(&e.to_string());
        s.push('\n');
    }
    load::content_hash(s.as_bytes())
}

/// Identifies what results depend on besides the documents: dictionaries (embedded and `--dict`)
/// and code, the rendering of each unit's page included.
pub(super) fn dict_key(dicts: &[PathBuf]) -> String {
    let mut bytes = Vec::new();
    for s in [
        crate::segment::USER_DICT,
        crate::segment::STOPWORDS,
        crate::segment::SYNONYMS,
    ]
    .into_iter()
    .chain([crate::provenance::code_hash()])
    {
        bytes.extend_from_slice(s.as_bytes());
    }
    for d in dicts {
        bytes.extend_from_slice(d.display().to_string().as_bytes());
        bytes.extend(std::fs::read(d).unwrap_or_default());
    }
    load::content_hash(&bytes)
}

/// The cache key of a unit-year: its documents' ids, metadata and content hashes.
pub(super) fn pair_key(dict_key: &str, g: &Group) -> String {
    let mut s = format!("v{CACHE_VERSION}|{}|{dict_key}", env!("CARGO_PKG_VERSION"));
    for d in g.plans.iter().chain(&g.reports) {
        let m = &d.meta;
        s.push_str(&format!(
            "\n{}|{}|{}|{:?}|{}|{}",
            d.id(),
            d.hash,
            m.unit,
            m.year,
            m.kind.as_str(),
            m.title
        ));
    }
    load::content_hash(s.as_bytes())
}
