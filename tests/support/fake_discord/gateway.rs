//! The fake gateway: HELLO, IDENTIFY → READY, RESUME → replay + RESUMED, heartbeats, and
//! dispatches that are checked against serenity's types before they are sent.

use std::sync::Arc;

use axum::extract::State as AxumState;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use serde_json::{Value, json};
use serenity::futures::{SinkExt, StreamExt};
use tokio::sync::mpsc;

use super::ids::*;
use super::{GatewayFrame, Inner, Outgoing, State, payloads};

pub async fn upgrade(ws: WebSocketUpgrade, AxumState(inner): AxumState<Arc<Inner>>) -> Response {
    ws.on_upgrade(move |socket| session(socket, inner))
}

/// Builds a dispatch frame for `t`, after checking `d` the way serenity will read it.
pub fn dispatch_frame(state: &mut State, t: &str, d: Value) -> String {
    validate(t, &d);
    state.seq += 1;
    let frame = json!({ "op": 0, "s": state.seq, "t": t, "d": d }).to_string();
    state.sent.push((state.seq, frame.clone()));
    frame
}

/// Panics unless serenity reads `d` as the type it expects for event `t`, and the whole
/// frame as that event rather than an unknown one.
pub fn validate(t: &str, d: &Value) {
    fn check<T: serde::de::DeserializeOwned>(t: &str, d: &Value) {
        if let Err(e) = serde_json::from_value::<T>(d.clone()) {
            panic!(
                "fake Discord: the {t} payload does not deserialize as serenity's {}: {e}\n{d:#}",
                std::any::type_name::<T>()
            );
        }
    }
    match t {
        "READY" => check::<serenity::all::Ready>(t, d),
        "INTERACTION_CREATE" => check::<serenity::all::Interaction>(t, d),
        "MESSAGE_CREATE" => check::<serenity::all::Message>(t, d),
        "RESUMED" => {}
        other => panic!("fake Discord: no validation for {other}; add it before sending it"),
    }
    let frame = json!({ "op": 0, "s": 1, "t": t, "d": d });
    match serde_json::from_value::<serenity::model::event::GatewayEvent>(frame) {
        Ok(serenity::model::event::GatewayEvent::Dispatch(
            _,
            serenity::model::event::Event::Unknown(u),
        )) => {
            panic!("fake Discord: serenity would drop {t} as an unknown event: {u:?}")
        }
        Ok(_) => {}
        Err(e) => panic!("fake Discord: serenity cannot read the {t} frame: {e}"),
    }
}

fn hello() -> String {
    json!({ "op": 10, "s": null, "t": null, "d": { "heartbeat_interval": 41_250 } }).to_string()
}

fn ready(inner: &Inner, session_id: &str, shard: Value) -> Value {
    json!({
        "v": 10,
        "user": payloads::bot_user(),
        "guilds": [{ "id": GUILD_ID.to_string(), "unavailable": true }],
        "session_id": session_id,
        "resume_gateway_url": inner.ws_url(),
        "shard": shard,
        "application": { "id": APP_ID.to_string(), "flags": 0 },
        "private_channels": [],
        "presences": [],
        "relationships": [],
    })
}

async fn session(socket: WebSocket, inner: Arc<Inner>) {
    let (mut sink, mut stream) = socket.split();
    let (tx, mut rx) = mpsc::unbounded_channel::<Outgoing>();
    {
        let mut state = inner.lock();
        state.connections += 1;
        let n = state.connections;
        state.frames.push(GatewayFrame::Connected(n));
    }
    inner.changed.notify_waiters();
    if sink.send(Message::Text(hello())).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            incoming = stream.next() => {
                let Some(Ok(msg)) = incoming else {
                    // The bot went away without a close frame.
                    break;
                };
                match msg {
                    Message::Text(text) => {
                        for reply in on_frame(&inner, &tx, &text) {
                            if sink.send(reply).await.is_err() {
                                return;
                            }
                        }
                    }
                    Message::Close(frame) => {
                        inner.lock().frames.push(GatewayFrame::Closed(frame.as_ref().map(|f| f.code)));
                        inner.changed.notify_waiters();
                        // The WebSocket layer has queued the closing handshake's reply:
                        // flush it, so the bot sees a clean close.
                        let _ = sink.close().await;
                        break;
                    }
                    _ => {}
                }
            }
            outgoing = rx.recv() => match outgoing {
                Some(Outgoing::Text(text)) => {
                    if sink.send(Message::Text(text)).await.is_err() {
                        break;
                    }
                }
                Some(Outgoing::Close(code)) => {
                    let _ = sink.send(Message::Close(Some(CloseFrame { code, reason: "fake Discord drop".into() }))).await;
                    break;
                }
                Some(Outgoing::Abrupt) | None => break,
            }
        }
    }
    let mut state = inner.lock();
    if state.conn.as_ref().is_some_and(|c| c.same_channel(&tx)) {
        state.conn = None;
    }
    // Dropping the socket closes the TCP connection.
}

/// Answers one frame from the bot; returns what to send back.
fn on_frame(inner: &Inner, tx: &mpsc::UnboundedSender<Outgoing>, text: &str) -> Vec<Message> {
    let frame: Value = serde_json::from_str(text)
        .unwrap_or_else(|e| panic!("the bot sent a non-JSON gateway frame: {e}: {text}"));
    let op = frame["op"].as_u64().unwrap_or(u64::MAX);
    let d = frame["d"].clone();
    let mut out = Vec::new();
    let mut state = inner.lock();
    match op {
        1 => {
            state.frames.push(GatewayFrame::Heartbeat);
            out.push(Message::Text(
                json!({ "op": 11, "s": null, "t": null, "d": null }).to_string(),
            ));
        }
        2 => {
            state.frames.push(GatewayFrame::Identify(d.clone()));
            if !token_ok(inner, &d) {
                out.push(Message::Close(Some(CloseFrame {
                    code: 4004,
                    reason: "Authentication failed.".into(),
                })));
            } else {
                state.conn = Some(tx.clone());
                let session_id = format!("fake-session-{}", state.connections);
                let shard = if d["shard"].is_array() {
                    d["shard"].clone()
                } else {
                    json!([0, 1])
                };
                state.session_id = Some(session_id.clone());
                state.seq = 0;
                state.sent.clear();
                let frame = dispatch_frame(&mut state, "READY", ready(inner, &session_id, shard));
                out.push(Message::Text(frame));
            }
        }
        6 => {
            state.frames.push(GatewayFrame::Resume(d.clone()));
            let known = state.session_id.is_some()
                && d["session_id"].as_str() == state.session_id.as_deref();
            if !token_ok(inner, &d) {
                out.push(Message::Close(Some(CloseFrame {
                    code: 4004,
                    reason: "Authentication failed.".into(),
                })));
            } else if known {
                state.conn = Some(tx.clone());
                let after = d["seq"].as_u64().unwrap_or(0);
                for (seq, frame) in &state.sent {
                    if *seq > after {
                        out.push(Message::Text(frame.clone()));
                    }
                }
                let resumed = dispatch_frame(&mut state, "RESUMED", json!({}));
                out.push(Message::Text(resumed));
            } else {
                out.push(Message::Text(
                    json!({ "op": 9, "s": null, "t": null, "d": false }).to_string(),
                ));
            }
        }
        _ => {}
    }
    drop(state);
    inner.changed.notify_waiters();
    out
}

/// Discord accepts the token in IDENTIFY and RESUME with or without the `Bot ` prefix.
fn token_ok(inner: &Inner, d: &Value) -> bool {
    let token = d["token"].as_str().unwrap_or_default();
    let token = token.strip_prefix("Bot ").unwrap_or(token);
    match &*inner.gateway_token.lock().unwrap() {
        Some(expected) => token == expected,
        None => token == inner.token,
    }
}
