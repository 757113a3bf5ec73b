//! A running `luoshi serve` for the serve tests, and a tiny HTTP/1.1 client over std's TcpStream
//! (so the tests need no HTTP crate and see exactly the bytes the server sends).
#![allow(dead_code)]

pub mod webdriver;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// A `luoshi serve` child process, stopped with Ctrl-C (SIGINT) when dropped.
pub struct Server {
    pub child: Child,
    pub addr: String,
    pub banner: String,
}

impl Server {
    /// Starts `luoshi serve --addr 127.0.0.1:0 ARGS…` in `dir` and waits for its banner line.
    // The child moves into the Server, whose Drop (or `interrupt`) waits for it.
    #[allow(clippy::zombie_processes)]
    pub fn start(dir: &Path, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_luoshi"))
            .arg("serve")
            .args(["--addr", "127.0.0.1:0"])
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start luoshi serve");
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let mut banner = String::new();
        loop {
            let mut line = String::new();
            if err.read_line(&mut line).unwrap_or(0) == 0 {
                let _ = child.kill();
                let _ = child.wait();
                panic!("luoshi serve exited before listening: {banner}");
            }
            banner.push_str(&line);
            if let Some(rest) = line.split("http://").nth(1) {
                let addr = rest.split('/').next().unwrap().to_string();
                // Keep draining stderr so the server never blocks on a full pipe.
                std::thread::spawn(move || {
                    let mut sink = String::new();
                    let _ = err.read_to_string(&mut sink);
                });
                return Server {
                    child,
                    addr,
                    banner,
                };
            }
        }
    }

    /// Sends SIGINT (what Ctrl-C sends) and returns the exit code.
    pub fn interrupt(mut self) -> Option<i32> {
        let code = self.stop();
        std::mem::forget(self);
        code
    }

    fn stop(&mut self) -> Option<i32> {
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        self.child.wait().ok().and_then(|s| s.code())
    }

    pub fn get(&self, path: &str) -> Response {
        request(&self.addr, "GET", path, &[], b"")
    }

    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Response {
        request(&self.addr, "GET", path, headers, b"")
    }

    pub fn post_form(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Response {
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in fields {
            s.append_pair(k, v);
        }
        let body = s.finish();
        let mut h = headers.to_vec();
        h.push(("Content-Type", "application/x-www-form-urlencoded"));
        request(&self.addr, "POST", path, &h, body.as_bytes())
    }

    pub fn post_json(&self, path: &str, v: &serde_json::Value) -> Response {
        let body = v.to_string();
        request(
            &self.addr,
            "POST",
            path,
            &[("Content-Type", "application/json")],
            body.as_bytes(),
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A parsed HTTP response.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 body")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Percent-encodes a query value or a path segment (space as `%20`, which both decode).
pub fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

/// One request on a fresh connection (`Connection: close`), the whole response read back.
pub fn request(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    let mut s = TcpStream::connect(addr).expect("connect");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    // Read the head, then exactly Content-Length bytes when given (chromedriver keeps the
    // connection open despite `Connection: close`), else to the end.
    let mut raw = Vec::new();
    let mut buf = [0u8; 65536];
    loop {
        if let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
            let len = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok());
            if let Some(len) = len {
                while raw.len() < end + 4 + len {
                    let n = s.read(&mut buf).unwrap();
                    assert!(n > 0, "connection closed before the body ended");
                    raw.extend_from_slice(&buf[..n]);
                }
                return parse(&raw);
            }
            s.read_to_end(&mut raw).unwrap();
            return parse(&raw);
        }
        let n = s.read(&mut buf).unwrap();
        assert!(n > 0, "connection closed before the headers ended");
        raw.extend_from_slice(&buf[..n]);
    }
}

fn parse(raw: &[u8]) -> Response {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        let mut out = Vec::new();
        let mut rest = &body[..];
        loop {
            let nl = rest.windows(2).position(|w| w == b"\r\n").unwrap();
            let size = usize::from_str_radix(std::str::from_utf8(&rest[..nl]).unwrap().trim(), 16)
                .unwrap();
            if size == 0 {
                break;
            }
            out.extend_from_slice(&rest[nl + 2..nl + 2 + size]);
            rest = &rest[nl + 4 + size..];
        }
        body = out;
    }
    Response {
        status,
        headers,
        body,
    }
}
