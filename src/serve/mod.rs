//! `luoshi serve`: the index and a batch output folder in a browser and as a JSON API.
//! The only module that knows axum and tokio; pages are maud templates, escaped by maud.

mod api;
mod auth;
pub mod data;
pub mod export;
mod pages;
pub use crate::reviews;
mod svg;
mod units;

use crate::error::{Error, Result};
use crate::index::LuoshiIndex;
use crate::Segmenter;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// What `serve` reads and where it listens.
#[derive(Debug, Clone)]
pub struct Config {
    pub index: PathBuf,
    pub out: PathBuf,
    pub addr: SocketAddr,
    /// The access token (already read from `--token FILE`); required for a non-loopback address.
    pub token: Option<String>,
}

/// Refuses a non-loopback address without a token, so nothing is exposed by accident.
pub fn check_bind(addr: &SocketAddr, token: Option<&str>) -> Result<()> {
    if !addr.ip().is_loopback() && token.is_none() {
        return Err(Error::Usage(format!(
            "refusing to listen on {addr}: a non-loopback address needs --token FILE"
        )));
    }
    Ok(())
}

/// Reads a token file: its first line, trimmed; an empty or unreadable file is a usage error.
pub fn read_token(path: &Path) -> Result<String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::Usage(format!("{}: cannot read token file ({e})", path.display())))?;
    let token = text.lines().next().unwrap_or("").trim().to_string();
    if token.len() < 8 {
        return Err(Error::Usage(format!(
            "{}: the token must be at least 8 characters on the first line",
            path.display()
        )));
    }
    Ok(token)
}

/// Shared by every request: configuration, the segmenter, the index (reopened when it changes),
/// the review store and the CSRF token of this server's lifetime.
pub struct State {
    pub cfg: Config,
    seg: Arc<Segmenter>,
    index: Mutex<Option<(SystemTime, Arc<LuoshiIndex>)>>,
    pub reviews: Option<reviews::Store>,
    pub csrf: String,
    /// One permit per core for index work: queries queue in order instead of all competing for
    /// the cores at once, which keeps the slowest answers close to the typical ones under load.
    pub index_slots: tokio::sync::Semaphore,
}

impl State {
    /// Opens the review store beside the batch output (when that folder exists).
    pub fn new(cfg: Config, seg: Arc<Segmenter>) -> Result<State> {
        let reviews = if cfg.out.is_dir() {
            Some(reviews::Store::open(&cfg.out.join("reviews.sqlite"))?)
        } else {
            None
        };
        Ok(State {
            cfg,
            seg,
            index: Mutex::new(None),
            reviews,
            csrf: auth::random_hex(),
            index_slots: tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(2, |n| n.get()),
            ),
        })
    }

    /// The segmenter shared with the index.
    pub fn segmenter(&self) -> &Arc<Segmenter> {
        &self.seg
    }

    /// The index as it is on disk now: reopened when `meta.json` changed (a batch run committed).
    pub fn index(&self) -> Result<Arc<LuoshiIndex>> {
        let meta = self.cfg.index.join("meta.json");
        let mtime = std::fs::metadata(&meta)
            .and_then(|m| m.modified())
            .map_err(|_| {
                Error::Index(format!(
                    "{}: no index here (run `luoshi batch DIR --out OUT --index {}` first)",
                    self.cfg.index.display(),
                    self.cfg.index.display()
                ))
            })?;
        let mut slot = self.index.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((t, ix)) = slot.as_ref() {
            if *t == mtime {
                return Ok(ix.clone());
            }
        }
        let ix = Arc::new(LuoshiIndex::open(&self.cfg.index, self.seg.clone())?);
        *slot = Some((mtime, ix.clone()));
        Ok(ix)
    }
}

/// The whole application: pages, API and (with a token) the login gate.
pub fn router(state: Arc<State>) -> axum::Router {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/", get(pages::search))
        .route("/doc", get(pages::document))
        .route("/units", get(pages::department))
        .route("/units/{unit}/{year}", get(pages::unit))
        .route("/trend", get(pages::trend))
        .route("/reviews", post(pages::save_review))
        .route("/login", get(auth::login_form).post(auth::login))
        .route("/style.css", get(pages::style))
        .route("/api/search", get(api::search))
        .route("/api/units", get(api::units))
        .route("/api/units/{unit}/{year}", get(api::unit))
        .route("/api/tasks", get(api::tasks))
        .route("/api/documents", get(api::document))
        .route("/api/trend", get(api::trend))
        .route("/api/reviews", get(api::reviews).post(api::save_review))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::gate,
        ))
        .with_state(state)
}

/// Serves until Ctrl-C, then finishes the requests in flight. `ready` is told the bound address.
pub fn run(cfg: Config, seg: Arc<Segmenter>, ready: impl FnOnce(SocketAddr)) -> Result<()> {
    check_bind(&cfg.addr, cfg.token.as_deref())?;
    let addr = cfg.addr;
    let state = Arc::new(State::new(cfg, seg)?);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_io()
        .build()
        .map_err(|e| Error::Usage(format!("cannot start the server runtime ({e})")))?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| Error::Usage(format!("cannot listen on {addr} ({e})")))?;
        let bound = listener
            .local_addr()
            .map_err(|e| Error::Usage(format!("cannot listen on {addr} ({e})")))?;
        ready(bound);
        axum::serve(listener, router(state))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| Error::Usage(format!("server stopped ({e})")))
    })
}
