//! Load benchmark of `luoshi serve` on loopback (harness = false): builds the 10,000-document
//! index of the search bench, starts the release binary on it, and lets 16 clients (threads with
//! keep-alive connections) run `/api/search` queries for a fixed time, then stops by itself.
//! Prints p50/p99/max latency, requests/s, errors and the server's peak RSS.
//! `cargo bench --bench serve`; LUOSHI_BENCH_SECS (default 20) and LUOSHI_BENCH_CLIENTS (16).

use luoshi::index::IndexOptions;
use luoshi::{Doc, Segmenter};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const DOCS: usize = 10_000;

fn variant(base: &Doc, i: usize) -> Doc {
    let mut d = base.clone();
    let unit = format!("单位{:03}", i % 250);
    let year = 2013 + (i / 250 % 12) as i32;
    d.path = PathBuf::from(format!("bench/{unit}/{year}/{i:05}.txt"));
    d.index = 0;
    d.hash = format!("{}-{i}", base.hash);
    d.meta.unit = unit;
    d.meta.year = Some(year);
    d
}

fn build_index(dir: &Path) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let base = luoshi::load::load_paths(&[root.join("corpus")]).docs;
    assert!(!base.is_empty(), "corpus/ not found");
    let seg = Segmenter::shared();
    let chunks = (0..DOCS).step_by(64).map(|s| {
        (s..(s + 64).min(DOCS))
            .map(|i| variant(&base[i % base.len()], i))
            .collect::<Vec<Doc>>()
    });
    let t = Instant::now();
    let stats =
        luoshi::batch::index_chunks(dir, chunks, DOCS, seg, &IndexOptions::default(), &|_, _| {})
            .expect("index");
    println!(
        "index: {} documents, {} passages in {:.1} s",
        stats.indexed,
        stats.passages,
        t.elapsed().as_secs_f64()
    );
}

/// One keep-alive connection; `get` returns the status, or None when the connection failed.
struct Client {
    addr: String,
    conn: Option<BufReader<TcpStream>>,
}

impl Client {
    fn get(&mut self, path: &str) -> Option<u16> {
        if self.conn.is_none() {
            self.conn = TcpStream::connect(&self.addr).ok().map(BufReader::new);
        }
        let r = self.conn.as_mut()?;
        let req = format!("GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n", self.addr);
        if r.get_mut().write_all(req.as_bytes()).is_err() {
            self.conn = None;
            return None;
        }
        let mut status = None;
        let mut len = 0usize;
        loop {
            let mut line = String::new();
            if r.read_line(&mut line).ok()? == 0 {
                self.conn = None;
                return None;
            }
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if status.is_none() {
                status = l.split(' ').nth(1).and_then(|s| s.parse().ok());
            } else if let Some((k, v)) = l.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    len = v.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0u8; len];
        r.read_exact(&mut body).ok()?;
        status
    }
}

fn vm_hwm_mb(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn main() {
    let secs: u64 = std::env::var("LUOSHI_BENCH_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let clients: usize = std::env::var("LUOSHI_BENCH_CLIENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16);
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = std::env::var_os("LUOSHI_BENCH_INDEX")
        .map_or_else(|| tmp.path().join("index"), PathBuf::from);
    if !dir.join("meta.json").is_file() {
        build_index(&dir);
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_luoshi"))
        .args(["serve", "--addr", "127.0.0.1:0", "--quiet", "--index"])
        .arg(&dir)
        .arg("--out")
        .arg(tmp.path().join("out"))
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start luoshi serve");
    let mut err = BufReader::new(child.stderr.take().expect("stderr"));
    let mut line = String::new();
    err.read_line(&mut line).expect("banner");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .expect("listening address")
        .to_string();
    let pid = child.id();
    let rss_idle = vm_hwm_mb(pid);
    let terms = [
        "三会一课",
        "廉政",
        "从严治党",
        "主体责任",
        "谈心谈话",
        "中心组学习",
        "警示教育",
        "民主生活会",
        "营商环境",
        "党风廉政建设 主体责任",
        "廉政 -党风廉政建设",
        "三会一课 OR 主题党日",
        "\"民主生活会\"",
        "意识形态",
    ];
    let enc = |s: &str| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    let deadline = Instant::now() + Duration::from_secs(secs);
    let results: Vec<(Vec<Duration>, usize)> = std::thread::scope(|sc| {
        let handles: Vec<_> = (0..clients)
            .map(|c| {
                let addr = addr.clone();
                sc.spawn(move || {
                    let mut client = Client { addr, conn: None };
                    let (mut times, mut errors) = (Vec::new(), 0usize);
                    let mut n = c;
                    while Instant::now() < deadline {
                        let q = enc(terms[n % terms.len()]);
                        let path = match n % 4 {
                            1 => format!("/api/search?q={q}&year={}", 2013 + n % 12),
                            2 => format!(
                                "/api/search?q={q}&unit={}",
                                enc(&format!("单位{:03}", n % 250))
                            ),
                            3 => format!("/api/search?q={q}&kind=report&limit=10"),
                            _ => format!("/api/search?q={q}"),
                        };
                        let t = Instant::now();
                        match client.get(&path) {
                            Some(200) => times.push(t.elapsed()),
                            _ => errors += 1,
                        }
                        n += clients;
                    }
                    (times, errors)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("client"))
            .collect()
    });
    let rss = vm_hwm_mb(pid);
    let _ = Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status();
    let stopped = child.wait().map(|s| s.code());
    let mut all: Vec<Duration> = results
        .iter()
        .flat_map(|(t, _)| t.iter().copied())
        .collect();
    let errors: usize = results.iter().map(|(_, e)| e).sum();
    all.sort();
    let pct = |p: f64| {
        all.get(((all.len().max(1) - 1) as f64 * p).round() as usize)
            .map_or(f64::NAN, |d| d.as_secs_f64() * 1e3)
    };
    println!(
        "serve /api/search, {clients} clients, {secs} s on loopback: {} requests ({:.0}/s), p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms, errors {errors}",
        all.len(),
        all.len() as f64 / secs as f64,
        pct(0.5),
        pct(0.99),
        pct(1.0)
    );
    println!(
        "server peak RSS: {rss_idle:.0} MB idle, {rss:.0} MB under load; Ctrl-C exit: {stopped:?}"
    );
}
