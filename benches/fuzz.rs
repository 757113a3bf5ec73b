//! Long fuzzing outside the default test run (issue 18): mutated real inputs through the loader
//! (bytes → documents, plain text and .docx zip structures), the decoder, outline and extraction,
//! and the query parser. Counts inputs and panics per target and prints peak memory.
//!
//! Run with `cargo bench --bench fuzz` (`FUZZ_CASES=N` inputs per target, default 1,000,000;
//! `FUZZ_SEED=S`; `FUZZ_TARGETS=decode,docx,load,extract,query` to choose). Exits 1 if any input
//! panicked. Quick property tests stay in `tests/`.

mod common;

use luoshi::doc::Kind;
use luoshi::load::manifest::ManifestCache;
use luoshi::Segmenter;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// splitmix64: deterministic per seed, no dependency.
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
}

/// Pieces that steer mutations into the parsers' interesting paths.
const TOKENS: &[&str] = &[
    "一、",
    "（一）",
    "1.",
    "（1）",
    "①",
    "一是",
    "第一，",
    "（-）",
    "\n",
    "。",
    "，",
    "；",
    "每月学习不少于1次",
    "多少次",
    "*次",
    "*****党组",
    "存在的问题",
    "下一步打算",
    "2023年工作计划",
    "“",
    "”",
    "\u{feff}",
    "\u{0}",
    "\r\n",
    "\u{3000}",
    "%",
    "以上",
    "不少于",
    "OR",
    "-",
    "\"",
];

/// Mutates `input`: byte flips, cuts, duplications, splices from `other`, inserted tokens.
fn mutate(rng: &mut Rng, input: &[u8], other: &[u8], max_len: usize) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(v.len() + 1);
        match rng.below(7) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
            1 => v.truncate(at),
            2 if at < v.len() => {
                let end = (at + 1 + rng.below(64)).min(v.len());
                let piece = v[at..end].to_vec();
                v.splice(at..at, piece);
            }
            3 if !other.is_empty() => {
                let s = rng.below(other.len());
                let e = (s + 1 + rng.below(256)).min(other.len());
                v.splice(at..at, other[s..e].iter().copied());
            }
            4 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                v.splice(at..at, t.iter().copied());
            }
            5 if at < v.len() => {
                let end = (at + rng.below(32)).min(v.len());
                v.drain(at..end);
            }
            _ => v.insert(at.min(v.len()), rng.next() as u8),
        }
    }
    v.truncate(max_len);
    v
}

/// A .docx holding `text`'s lines as paragraphs.
fn docx_of(text: &str) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default();
    z.start_file("word/document.xml", opts).expect("zip");
    let mut xml = String::from("<w:document><w:body>");
    for l in text.lines() {
        let esc = l.replace('&', "&amp;").replace('<', "&lt;");
        xml.push_str(&format!("<w:p><w:r><w:t>{esc}</w:t></w:r></w:p>"));
    }
    xml.push_str("</w:body></w:document>");
    z.write_all(xml.as_bytes()).expect("zip");
    z.finish().expect("zip");
    buf.into_inner()
}

/// Runs `f` on `cases` inputs; returns the number of panics. `FUZZ_TARGETS=docx,query` runs only
/// the targets named.
fn run(name: &str, cases: usize, mut f: impl FnMut(usize)) -> usize {
    if std::env::var("FUZZ_TARGETS").is_ok_and(|t| !t.split(',').any(|t| t == name)) {
        return 0;
    }
    let start = std::time::Instant::now();
    let mut panics = 0;
    for i in 0..cases {
        if catch_unwind(AssertUnwindSafe(|| f(i))).is_err() {
            panics += 1;
        }
    }
    println!(
        "{name:<10} inputs {cases:>9}  panics {panics}  {:.1} s  peak RSS {:.0} MB",
        start.elapsed().as_secs_f64(),
        common::peak_rss_mb()
    );
    panics
}

fn main() {
    let cases: usize = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let seed: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(18);
    // Panics are counted, not printed a million times.
    std::panic::set_hook(Box::new(|_| {}));
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let texts: Vec<String> = [
        "corpus/海拉尔区人民政府/2018/plan.txt",
        "corpus/海拉尔区人民政府/2018/report.txt",
        "corpus/民政局/2023/000_694202b0fff9a47c.txt",
    ]
    .iter()
    .map(|p| std::fs::read_to_string(root.join(p)).expect("corpus text"))
    .collect();
    // Small real pieces: a million inputs per target must stay minutes, not hours.
    let pieces: Vec<Vec<u8>> = texts
        .iter()
        .flat_map(|t| {
            let chars: Vec<char> = t.chars().collect();
            chars
                .chunks(600)
                .map(|c| c.iter().collect::<String>().into_bytes())
                .collect::<Vec<_>>()
        })
        .collect();
    let docxs: Vec<Vec<u8>> = pieces
        .iter()
        .take(8)
        .map(|p| docx_of(&String::from_utf8_lossy(p)))
        .collect();
    let gbk: Vec<Vec<u8>> = pieces
        .iter()
        .take(8)
        .map(|p| {
            encoding_rs::GB18030
                .encode(&String::from_utf8_lossy(p))
                .0
                .into_owned()
        })
        .collect();
    let seg = Segmenter::shared();
    let manifests = ManifestCache::default();
    let mut rng = Rng(seed);
    let mut panics = 0;

    panics += run("decode", cases, |i| {
        let base = if i % 2 == 0 { &pieces } else { &gbk };
        let b = mutate(&mut rng, &base[i % base.len()], &pieces[0], 4096);
        let _ = luoshi::load::decode::decode_text(&b);
    });
    let mut rng = Rng(seed ^ 1);
    panics += run("docx", cases, |i| {
        let b = mutate(&mut rng, &docxs[i % docxs.len()], &docxs[0], 16_384);
        let _ = luoshi::load::load_bytes(Path::new("f.docx"), &b, &manifests);
    });
    let mut rng = Rng(seed ^ 2);
    panics += run("load", cases, |i| {
        let b = mutate(&mut rng, &pieces[i % pieces.len()], &pieces[1], 4096);
        let _ = luoshi::load::load_bytes(Path::new("2023/f.txt"), &b, &manifests);
    });
    let mut rng = Rng(seed ^ 3);
    panics += run("extract", cases, |i| {
        let b = mutate(&mut rng, &pieces[i % pieces.len()], &pieces[2], 2048);
        if let Ok(docs) = luoshi::load::load_bytes(Path::new("2023/f.txt"), &b, &manifests) {
            for mut d in docs {
                d.meta.kind = if i % 2 == 0 { Kind::Plan } else { Kind::Report };
                let a = luoshi::analyze(d, &seg);
                if a.doc.meta.kind == Kind::Report {
                    let _ = luoshi::extract::report::extract_report(&a.doc, &seg);
                }
            }
        }
    });
    let mut rng = Rng(seed ^ 4);
    panics += run("query", cases, |i| {
        let p = &pieces[i % pieces.len()];
        let s = rng.below(p.len());
        let base = &p[s..(s + 40).min(p.len())];
        let b = mutate(&mut rng, base, b"\"-OR ", 300);
        let _ = luoshi::index::query::parse(&String::from_utf8_lossy(&b));
    });
    println!("total panics {panics}");
    if panics > 0 {
        std::process::exit(1);
    }
}
