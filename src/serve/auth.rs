//! Access token (cookie after a login form, or a Bearer header) and the CSRF token of review forms.

use super::State;
use axum::extract::{Request, State as St};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use std::sync::Arc;

const COOKIE: &str = "luoshi_token";

/// 32 random bytes as hex, from the kernel; falls back to hashed time and pid where it is missing.
pub fn random_hex() -> String {
    use std::io::Read;
    let mut buf = [0u8; 32];
    let ok = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .is_ok();
    if !ok {
        use sha2::Digest;
        let seed = format!("{:?}{}", std::time::SystemTime::now(), std::process::id());
        buf.copy_from_slice(&sha2::Sha256::digest(seed.as_bytes()));
    }
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares without leaking the position of the first difference through timing.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn presented_token(headers: &HeaderMap) -> Option<String> {
    if let Some(v) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    {
        if let Some(t) = v.strip_prefix("Bearer ") {
            return Some(t.trim().to_string());
        }
    }
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.to_string())
}

/// Lets every request through on loopback without a token; otherwise only with the token.
pub async fn gate(St(state): St<Arc<State>>, req: Request, next: Next) -> Response {
    let Some(token) = state.cfg.token.as_deref() else {
        return next.run(req).await;
    };
    let path = req.uri().path();
    if path == "/login" || path == "/style.css" {
        return next.run(req).await;
    }
    if presented_token(req.headers()).is_some_and(|t| same(&t, token)) {
        return next.run(req).await;
    }
    if path.starts_with("/api/") {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::CONTENT_TYPE, "application/json")],
            "{\"error\": \"token required\"}\n",
        )
            .into_response();
    }
    Redirect::to("/login").into_response()
}

/// The login form asking for the token.
pub async fn login_form() -> Html<String> {
    Html(super::pages::login_page(false))
}

/// Form body of the login form.
#[derive(serde::Deserialize)]
pub struct Login {
    token: String,
}

/// Sets the token cookie when the token is right.
pub async fn login(St(state): St<Arc<State>>, Form(f): Form<Login>) -> Response {
    match state.cfg.token.as_deref() {
        Some(t) if same(f.token.trim(), t) => (
            [(
                header::SET_COOKIE,
                format!("{COOKIE}={t}; HttpOnly; SameSite=Strict; Path=/"),
            )],
            Redirect::to("/"),
        )
            .into_response(),
        Some(_) => (
            StatusCode::UNAUTHORIZED,
            Html(super::pages::login_page(true)),
        )
            .into_response(),
        None => Redirect::to("/").into_response(),
    }
}

/// Whether a form's CSRF field is this server's token.
pub fn csrf_ok(state: &State, presented: &str) -> bool {
    same(presented, &state.csrf)
}
