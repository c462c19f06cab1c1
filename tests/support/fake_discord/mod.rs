//! A fake Discord on 127.0.0.1 for end-to-end tests: the REST routes a bot uses and a
//! WebSocket gateway, driven by the real serenity/poise client pointed at it through
//! `discord.http_proxy`.
//!
//! Every request the bot makes is recorded with its exact JSON body, so tests assert what
//! the bot sent. Every payload the fake sends is first checked against serenity's own
//! model types (a payload serenity cannot read would be silently dropped as an unknown
//! event, so the fake panics instead). Every message the bot sends is checked for empty
//! allowed mentions and Discord's limits; see [`FakeDiscord::assert_clean`].

mod gateway;
pub mod ids;
pub mod payloads;
mod rest;

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::sync::{Notify, mpsc};

pub use ids::*;
#[allow(unused_imports)]
pub use payloads::{Person, Place, alice, bob, moderator};

/// How long waits last by default before failing with what the fake saw.
pub const WAIT: Duration = Duration::from_secs(5);

/// One REST request the bot made.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The path, e.g. `/api/v10/interactions/1/tok/callback`.
    pub path: String,
    /// The JSON body, or `Null` when there was none. For a multipart request (a message
    /// with attachments), its `payload_json` part.
    pub body: Value,
    /// The files of a multipart request.
    pub files: Vec<Upload>,
    /// The status the fake answered.
    pub status: u16,
    /// When the fake received it.
    pub at: Instant,
}

/// A file the bot uploaded with a message.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The form field, e.g. `files[0]`.
    pub field: String,
    pub filename: String,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

impl Request {
    pub fn is(&self, method: &str, path: &str) -> bool {
        self.method == method && self.path == path
    }
}

/// Something the bot sent on the gateway.
#[derive(Debug, Clone)]
pub enum GatewayFrame {
    Identify(Value),
    Resume(Value),
    Heartbeat,
    /// The bot closed the connection with this code.
    Closed(Option<u16>),
    /// A connection was opened (counted from 1).
    Connected(u32),
}

/// What the fake answers instead of the real response, for requests whose method is
/// `method` and whose path contains `path_contains`, `times` times.
#[derive(Debug, Clone)]
pub struct Failure {
    pub method: &'static str,
    pub path_contains: String,
    pub status: u16,
    pub body: Value,
    pub times: u32,
}

/// How to break the gateway connection.
#[derive(Debug, Clone, Copy)]
pub enum Disconnect {
    /// A close frame with this code (4000 "unknown error" is resumable).
    Close(u16),
    /// The TCP connection just goes away, no close frame.
    Abrupt,
}

pub(crate) enum Outgoing {
    Text(String),
    Close(u16),
    Abrupt,
}

#[derive(Default)]
pub(crate) struct State {
    pub requests: Vec<Request>,
    pub frames: Vec<GatewayFrame>,
    pub failures: VecDeque<Failure>,
    pub violations: Vec<String>,
    /// The live gateway connection, if any.
    pub conn: Option<mpsc::UnboundedSender<Outgoing>>,
    pub connections: u32,
    pub session_id: Option<String>,
    pub seq: u64,
    /// Events sent since the session started, for replay on RESUME: (seq, frame).
    pub sent: Vec<(u64, String)>,
}

pub(crate) struct Inner {
    pub state: Mutex<State>,
    pub changed: Notify,
    pub addr: SocketAddr,
    pub ids: AtomicU64,
    /// The token the fake accepts on REST.
    pub token: String,
    /// The token the gateway accepts, when it differs from `token` (to test a token the
    /// gateway refuses).
    pub gateway_token: Mutex<Option<String>>,
}

impl Inner {
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn ws_url(&self) -> String {
        format!("ws://{}/ws", self.addr)
    }
}

/// A running fake Discord. Dropping it stops the server.
pub struct FakeDiscord {
    inner: Arc<Inner>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for FakeDiscord {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl FakeDiscord {
    /// Starts the fake on a free port of 127.0.0.1, accepting [`TOKEN`].
    pub async fn start() -> FakeDiscord {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local addr");
        let inner = Arc::new(Inner {
            state: Mutex::new(State::default()),
            changed: Notify::new(),
            addr,
            ids: AtomicU64::new(1_000_000_000_000_000_000),
            token: TOKEN.to_owned(),
            gateway_token: Mutex::new(None),
        });
        let app = axum::Router::new()
            .route("/ws", axum::routing::get(gateway::upgrade))
            .fallback(rest::handle)
            .with_state(inner.clone());
        let server = tokio::spawn(async move {
            axum::serve(listener, app)
                .await
                .expect("fake Discord server");
        });
        FakeDiscord { inner, server }
    }

    /// What `discord.http_proxy` is set to.
    pub fn proxy_url(&self) -> String {
        format!("http://{}", self.inner.addr)
    }

    /// A fresh snowflake.
    pub fn next_id(&self) -> u64 {
        self.inner.ids.fetch_add(1, Ordering::Relaxed)
    }

    /// Every request so far.
    pub fn requests(&self) -> Vec<Request> {
        self.inner.lock().requests.clone()
    }

    /// Every gateway frame the bot sent so far.
    pub fn frames(&self) -> Vec<GatewayFrame> {
        self.inner.lock().frames.clone()
    }

    /// Makes the gateway accept only `token` from now on (REST still accepts [`TOKEN`]).
    pub fn set_gateway_token(&self, token: &str) {
        *self.inner.gateway_token.lock().unwrap() = Some(token.to_owned());
    }

    /// Makes the next `times` requests matching `method` and `path_contains` fail.
    pub fn fail(
        &self,
        method: &'static str,
        path_contains: &str,
        status: u16,
        body: Value,
        times: u32,
    ) {
        self.inner.lock().failures.push_back(Failure {
            method,
            path_contains: path_contains.to_owned(),
            status,
            body,
            times,
        });
    }

    /// Sends a gateway dispatch (op 0) after checking `d` against serenity's type for `t`.
    /// Returns the time the frame was handed to the connection (for latency). With no live
    /// connection the event waits in the session and is replayed when the bot resumes, as
    /// Discord does.
    pub fn dispatch(&self, t: &str, d: Value) -> Instant {
        let mut state = self.inner.lock();
        let frame = gateway::dispatch_frame(&mut state, t, d);
        let at = Instant::now();
        if let Some(conn) = &state.conn {
            let _ = conn.send(Outgoing::Text(frame));
        }
        at
    }

    /// Sends an INTERACTION_CREATE.
    pub fn interact(&self, interaction: Value) -> Instant {
        self.dispatch("INTERACTION_CREATE", interaction)
    }

    /// Sends a MESSAGE_CREATE.
    pub fn post(&self, message: Value) -> Instant {
        self.dispatch("MESSAGE_CREATE", message)
    }

    /// Breaks the live gateway connection.
    pub fn drop_gateway(&self, how: Disconnect) {
        let conn = self
            .inner
            .lock()
            .conn
            .take()
            .expect("no gateway connection to drop");
        let _ = conn.send(match how {
            Disconnect::Close(code) => Outgoing::Close(code),
            Disconnect::Abrupt => Outgoing::Abrupt,
        });
    }

    /// Waits until `find` returns something, re-checking whenever the fake sees a request
    /// or frame; panics after `timeout` with `what` and everything the fake saw.
    pub async fn wait_for<T>(
        &self,
        what: &str,
        timeout: Duration,
        mut find: impl FnMut(&State) -> Option<T>,
    ) -> T {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let notified = self.inner.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if let Some(found) = find(&self.inner.lock()) {
                return found;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!(
                    "timed out after {timeout:?} waiting for {what}\n{}",
                    self.summary()
                );
            }
        }
    }

    /// Waits for a request matching `pred` (the first one, in order).
    pub async fn wait_request(&self, what: &str, pred: impl Fn(&Request) -> bool) -> Request {
        self.wait_for(what, WAIT, |s| s.requests.iter().find(|r| pred(r)).cloned())
            .await
    }

    /// Waits for the `n`th (1-based) request matching `pred`.
    pub async fn wait_nth_request(
        &self,
        what: &str,
        n: usize,
        pred: impl Fn(&Request) -> bool,
    ) -> Request {
        self.wait_for(what, WAIT, |s| {
            s.requests.iter().filter(|r| pred(r)).nth(n - 1).cloned()
        })
        .await
    }

    /// Waits until the bot has registered its commands (it is then ready).
    pub async fn wait_ready(&self) -> Request {
        self.wait_request("command registration (PUT …/commands)", |r| {
            r.method == "PUT" && r.path.ends_with("/commands") && r.status == 200
        })
        .await
    }

    /// The (successful) callback the bot sent for interaction `id`.
    pub async fn callback(&self, id: u64) -> Request {
        let path = format!(
            "/api/v10/interactions/{id}/{}/callback",
            payloads::interaction_token(id)
        );
        self.wait_request(&format!("the callback for interaction {id}"), |r| {
            r.is("POST", &path) && r.status < 300
        })
        .await
    }

    /// Every callback attempt for interaction `id` so far, failed ones included.
    pub fn callback_attempts(&self, id: u64) -> Vec<Request> {
        let path = format!(
            "/api/v10/interactions/{id}/{}/callback",
            payloads::interaction_token(id)
        );
        self.requests()
            .into_iter()
            .filter(|r| r.is("POST", &path))
            .collect()
    }

    /// Waits for the `n`th message the bot posts in `channel`.
    pub async fn channel_message(&self, channel: u64, n: usize) -> Request {
        let path = format!("/api/v10/channels/{channel}/messages");
        self.wait_nth_request(&format!("message {n} in channel {channel}"), n, |r| {
            r.is("POST", &path) && r.status < 300
        })
        .await
    }

    /// Messages the bot posted (successfully) in `channel` so far.
    pub fn channel_messages(&self, channel: u64) -> Vec<Request> {
        let path = format!("/api/v10/channels/{channel}/messages");
        self.requests()
            .into_iter()
            .filter(|r| r.is("POST", &path) && r.status < 300)
            .collect()
    }

    /// Waits until the bot sent IDENTIFY `n` times, returning the last one's `d`.
    pub async fn wait_identify(&self, n: usize) -> Value {
        self.wait_for(&format!("IDENTIFY #{n}"), WAIT, |s| {
            s.frames
                .iter()
                .filter_map(|f| match f {
                    GatewayFrame::Identify(d) => Some(d.clone()),
                    _ => None,
                })
                .nth(n - 1)
        })
        .await
    }

    /// Waits until the bot sent RESUME `n` times, returning the last one's `d`.
    pub async fn wait_resume(&self, n: usize) -> Value {
        self.wait_for(&format!("RESUME #{n}"), WAIT, |s| {
            s.frames
                .iter()
                .filter_map(|f| match f {
                    GatewayFrame::Resume(d) => Some(d.clone()),
                    _ => None,
                })
                .nth(n - 1)
        })
        .await
    }

    /// Waits until the bot closed the gateway connection itself; returns the close code.
    pub async fn wait_closed(&self, timeout: Duration) -> Option<u16> {
        self.wait_for("the bot to close the gateway", timeout, |s| {
            s.frames.iter().find_map(|f| match f {
                GatewayFrame::Closed(code) => Some(*code),
                _ => None,
            })
        })
        .await
    }

    /// A message the bot posted, as Discord would deliver it on a component interaction:
    /// from an interaction callback's `data` or a channel message body.
    pub fn message_from(&self, sent: &Request, channel: u64) -> Value {
        let data = if sent.path.ends_with("/callback") {
            &sent.body["data"]
        } else {
            &sent.body
        };
        let message = payloads::bot_message(self.next_id(), channel, data);
        let _: serenity::all::Message =
            serde_json::from_value(message.clone()).unwrap_or_else(|e| {
                panic!(
                    "the bot's message does not read back as a serenity Message: {e}\n{message:#}"
                )
            });
        message
    }

    /// Panics if any message the bot sent allowed a mention or broke one of Discord's limits.
    pub fn assert_clean(&self) {
        let violations = self.inner.lock().violations.clone();
        assert!(
            violations.is_empty(),
            "the bot sent messages Discord would refuse or that could ping:\n{}",
            violations.join("\n")
        );
    }

    /// Everything the fake saw, for failure messages.
    pub fn summary(&self) -> String {
        let state = self.inner.lock();
        let mut out = String::from("requests the fake Discord saw:\n");
        for r in &state.requests {
            let body = if r.body.is_null() {
                String::new()
            } else {
                format!(" {}", truncate(&r.body.to_string(), 300))
            };
            out.push_str(&format!(
                "  {} {} -> {}{body}\n",
                r.method, r.path, r.status
            ));
        }
        out.push_str("gateway frames from the bot:\n");
        for f in &state.frames {
            out.push_str(&format!("  {}\n", truncate(&format!("{f:?}"), 200)));
        }
        out
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}
