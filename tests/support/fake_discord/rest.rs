//! The fake REST API: the routes a bot calls, each recorded with its JSON body. Messages
//! the bot sends are checked for empty allowed mentions and Discord's limits.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::State as AxumState;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::ids::*;
use super::{Inner, Request, payloads};

pub async fn handle(
    AxumState(inner): AxumState<Arc<Inner>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let at = Instant::now();
    let path = uri.path().to_owned();
    let boundary = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("multipart/form-data"))
        .and_then(|v| v.split("boundary=").nth(1))
        .map(|b| b.trim_matches('"').to_owned());
    let (body, files) = match boundary {
        Some(boundary) => multipart::parse(&body, &boundary),
        None => (json_body(&body), Vec::new()),
    };
    let auth_ok = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == format!("Bot {}", inner.token));
    let (status, response) = if !auth_ok {
        (401, json!({ "message": "401: Unauthorized", "code": 0 }))
    } else if let Some(failure) = take_failure(&inner, method.as_str(), &path) {
        failure
    } else {
        route(&inner, method.as_str(), &path, &body)
    };
    {
        let mut state = inner.lock();
        for v in check_message(method.as_str(), &path, &body) {
            state.violations.push(format!("{} {}: {v}", method, path));
        }
        state.requests.push(Request {
            method: method.to_string(),
            path: path.clone(),
            body,
            files,
            status,
            at,
        });
    }
    inner.changed.notify_waiters();
    let code = StatusCode::from_u16(status).expect("status");
    if status == 204 {
        return code.into_response();
    }
    let mut resp = (code, axum::Json(response.clone())).into_response();
    if status == 429 {
        let after = response["retry_after"].as_f64().unwrap_or(1.0);
        let headers = resp.headers_mut();
        headers.insert(
            "retry-after",
            format!("{}", after.ceil() as u64).parse().expect("header"),
        );
        headers.insert("x-ratelimit-scope", "user".parse().expect("header"));
    }
    resp
}

fn json_body(body: &[u8]) -> Value {
    if body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(body)
            .unwrap_or_else(|_| json!({ "non_json_body": String::from_utf8_lossy(body) }))
    }
}

/// Just enough of `multipart/form-data` (RFC 7578) for what serenity sends: a
/// `payload_json` part and `files[n]` parts.
mod multipart {
    use serde_json::{Value, json};

    use super::super::Upload;

    pub fn parse(body: &[u8], boundary: &str) -> (Value, Vec<Upload>) {
        let delimiter = format!("--{boundary}").into_bytes();
        let mut payload = Value::Null;
        let mut files = Vec::new();
        for part in split(body, &delimiter).into_iter().skip(1) {
            if part.starts_with(b"--") {
                break; // the closing delimiter
            }
            let part = part.strip_prefix(b"\r\n").unwrap_or(part);
            let part = part.strip_suffix(b"\r\n").unwrap_or(part);
            let Some(split_at) = find(part, b"\r\n\r\n") else {
                panic!("fake Discord: a multipart part without headers");
            };
            let head = String::from_utf8_lossy(&part[..split_at]).into_owned();
            let content = part[split_at + 4..].to_vec();
            let disposition = head
                .lines()
                .find(|l| l.to_ascii_lowercase().starts_with("content-disposition:"))
                .unwrap_or_default();
            let param = |name: &str| {
                disposition
                    .split(';')
                    .map(str::trim)
                    .find_map(|p| p.strip_prefix(&format!("{name}=")))
                    .map(|v| v.trim_matches('"').to_owned())
            };
            let field = param("name").unwrap_or_default();
            let content_type = head.lines().find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.trim()
                    .eq_ignore_ascii_case("content-type")
                    .then(|| v.trim().to_owned())
            });
            if field == "payload_json" {
                payload = serde_json::from_slice(&content).unwrap_or_else(
                    |_| json!({ "non_json_body": String::from_utf8_lossy(&content) }),
                );
            } else {
                files.push(Upload {
                    filename: param("filename").unwrap_or_default(),
                    field,
                    content_type,
                    bytes: content,
                });
            }
        }
        (payload, files)
    }

    fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
        haystack.windows(needle.len()).position(|w| w == needle)
    }

    fn split<'a>(mut body: &'a [u8], delimiter: &[u8]) -> Vec<&'a [u8]> {
        let mut parts = Vec::new();
        while let Some(i) = find(body, delimiter) {
            parts.push(&body[..i]);
            body = &body[i + delimiter.len()..];
        }
        parts.push(body);
        parts
    }
}

fn take_failure(inner: &Inner, method: &str, path: &str) -> Option<(u16, Value)> {
    let mut state = inner.lock();
    let i = state
        .failures
        .iter()
        .position(|f| f.method == method && path.contains(&f.path_contains))?;
    let failure = &mut state.failures[i];
    failure.times -= 1;
    let out = (failure.status, failure.body.clone());
    if failure.times == 0 {
        state.failures.remove(i);
    }
    Some(out)
}

fn route(inner: &Inner, method: &str, path: &str, body: &Value) -> (u16, Value) {
    let parts: Vec<&str> = path.trim_start_matches("/api/v10/").split('/').collect();
    match (method, parts.as_slice()) {
        ("GET", ["users", "@me"]) => (200, payloads::bot_user()),
        ("GET", ["gateway"]) => (200, json!({ "url": inner.ws_url() })),
        ("GET", ["gateway", "bot"]) => (
            200,
            json!({
                "url": inner.ws_url(),
                "shards": 1,
                "session_start_limit": { "total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1 },
            }),
        ),
        ("GET", ["oauth2", "applications", "@me"]) => (200, application()),
        ("PUT", ["applications", _, "commands"])
        | ("PUT", ["applications", _, "guilds", _, "commands"]) => (200, json!([])),
        ("POST", ["interactions", _, _, "callback"]) => (204, Value::Null),
        ("POST", ["webhooks", _, _]) => (200, sent_message(inner, CHANNEL, body)),
        ("PATCH", ["webhooks", _, _, "messages", _]) => (200, sent_message(inner, CHANNEL, body)),
        ("DELETE", ["webhooks", _, _, "messages", _]) => (204, Value::Null),
        ("POST", ["channels", channel, "messages"]) => {
            let channel = channel.parse().unwrap_or(CHANNEL);
            (200, sent_message(inner, channel, body))
        }
        ("DELETE", ["channels", _, "messages", _]) => (204, Value::Null),
        ("POST", ["channels", _, "typing"]) => (204, Value::Null),
        _ => (
            404,
            json!({ "message": format!("fake Discord has no route {method} {path}"), "code": 0 }),
        ),
    }
}

fn application() -> Value {
    json!({
        "id": APP_ID.to_string(),
        "name": BOT_NAME,
        "icon": null,
        "description": "",
        "bot_public": false,
        "bot_require_code_grant": false,
        "owner": payloads::user(ALICE, "owner", false),
        "verify_key": "00",
        "team": null,
        "flags": 0,
    })
}

/// The message Discord answers a send with.
fn sent_message(inner: &Inner, channel: u64, body: &Value) -> Value {
    let id = inner.ids.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    // Echo the content only: the bot never reads back the embeds it sent.
    payloads::bot_message(
        id,
        channel,
        &json!({ "content": body.get("content").cloned().unwrap_or(json!("")) }),
    )
}

/// What is wrong with a modal (a form) the bot opened: Discord's limits on its title, its
/// rows (1 to 5, one text input each) and each input.
fn check_modal(modal: &Value) -> Vec<String> {
    let len = |v: &Value| v.as_str().map_or(0, |s| s.encode_utf16().count());
    let mut problems = Vec::new();
    if !(1..=100).contains(&len(&modal["custom_id"])) {
        problems.push(format!("modal custom_id {}", modal["custom_id"]));
    }
    if !(1..=45).contains(&len(&modal["title"])) {
        problems.push(format!("modal title {}", modal["title"]));
    }
    let rows = modal["components"].as_array().cloned().unwrap_or_default();
    if !(1..=5).contains(&rows.len()) {
        problems.push(format!("modal with {} rows", rows.len()));
    }
    for row in &rows {
        let inputs = row["components"].as_array().cloned().unwrap_or_default();
        if inputs.len() != 1 || inputs[0]["type"] != 4 {
            problems.push(format!("modal row is not one text input: {row}"));
            continue;
        }
        let input = &inputs[0];
        let max = input["max_length"].as_u64().unwrap_or(4000);
        if !(1..=45).contains(&len(&input["label"]))
            || !(1..=100).contains(&len(&input["custom_id"]))
            || max > 4000
            || len(&input["value"]) as u64 > max
            || len(&input["placeholder"]) > 100
            || !matches!(input["style"].as_u64(), Some(1 | 2))
        {
            problems.push(format!("bad text input: {input}"));
        }
    }
    problems
}

/// What is wrong with a message the bot sent (allowed mentions not empty, limits broken).
fn check_message(method: &str, path: &str, body: &Value) -> Vec<String> {
    let message = if path.ends_with("/callback") {
        match body["type"].as_u64() {
            Some(4 | 7) => &body["data"],
            Some(9) => return check_modal(&body["data"]),
            _ => return Vec::new(),
        }
    } else if (method == "POST" && (path.contains("/webhooks/") || path.ends_with("/messages")))
        || (method == "PATCH" && path.contains("/messages/"))
    {
        body
    } else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    let am = &message["allowed_mentions"];
    let empty = |k: &str| am[k].as_array().is_none_or(|a| a.is_empty());
    if !am.is_object()
        || !am["parse"].as_array().is_some_and(|p| p.is_empty())
        || !empty("users")
        || !empty("roles")
    {
        problems.push(format!("allowed_mentions must be empty, got {am}"));
    }
    if am["replied_user"].as_bool() == Some(true) {
        problems.push("replied_user must not be pinged".to_owned());
    }
    let len = |v: &Value| v.as_str().map_or(0, |s| s.encode_utf16().count());
    if len(&message["content"]) > 2000 {
        problems.push("content over 2000".to_owned());
    }
    let embeds = message["embeds"].as_array().cloned().unwrap_or_default();
    if embeds.len() > 10 {
        problems.push("more than 10 embeds".to_owned());
    }
    let mut total = 0;
    for e in &embeds {
        let fields = e["fields"].as_array().cloned().unwrap_or_default();
        let size = len(&e["title"])
            + len(&e["description"])
            + len(&e["footer"]["text"])
            + len(&e["author"]["name"])
            + fields
                .iter()
                .map(|f| len(&f["name"]) + len(&f["value"]))
                .sum::<usize>();
        total += size;
        for (what, n, max) in [
            ("title", len(&e["title"]), 256),
            ("description", len(&e["description"]), 4096),
            ("footer", len(&e["footer"]["text"]), 2048),
            ("fields", fields.len(), 25),
        ] {
            if n > max {
                problems.push(format!("embed {what} is {n}, over {max}"));
            }
        }
        for f in &fields {
            if len(&f["value"]) > 1024 || len(&f["value"]) == 0 || len(&f["name"]) > 256 {
                problems.push(format!("bad field {f}"));
            }
        }
    }
    if total > 6000 {
        problems.push(format!("embeds total {total}, over 6000"));
    }
    let rows = message["components"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    if rows.len() > 5 {
        problems.push("more than 5 action rows".to_owned());
    }
    for row in &rows {
        let comps = row["components"].as_array().cloned().unwrap_or_default();
        if comps.is_empty() || comps.len() > 5 {
            problems.push(format!("action row with {} components", comps.len()));
        }
        for c in &comps {
            if len(&c["custom_id"]) > 100 || len(&c["label"]) > 80 || len(&c["url"]) > 512 {
                problems.push(format!("component too long: {c}"));
            }
            if let Some(options) = c["options"].as_array() {
                if options.is_empty() || options.len() > 25 {
                    problems.push(format!("select with {} options", options.len()));
                }
                for o in options {
                    if len(&o["label"]) > 100
                        || len(&o["value"]) > 100
                        || len(&o["description"]) > 100
                    {
                        problems.push(format!("select option too long: {o}"));
                    }
                }
            }
        }
    }
    problems
}
