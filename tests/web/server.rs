//! The web server under attack and at shutdown (issue 12): silent, trickling and idle
//! clients are closed by the header timeout, connections are capped, a shutdown ends
//! within its grace period even with half-sent requests held open, `/ask` is rate-limited
//! per client (never for urgent questions), `/metrics` stays off the patient port, and
//! `faqbot web` reloads hand-edited knowledge.
//!
//! Every wait is bounded; the bounds are generous (seconds, where the server needs one), so
//! a loaded machine slows these tests down but does not fail them.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use faqbot::FaqService;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::timeout;

use crate::common::Server;
use crate::support::knowledge::{knowledge_copy, repo_knowledge, test_config};

/// How long a test waits for something the server must do within a second or two.
const BOUND: Duration = Duration::from_secs(10);

/// Reads until the server closes the connection (or `BOUND` passes: then panics).
async fn read_until_closed(stream: &mut TcpStream) -> String {
    let mut got = Vec::new();
    timeout(BOUND, stream.read_to_end(&mut got))
        .await
        .expect("the server closed the connection in time")
        .ok();
    String::from_utf8_lossy(&got).into_owned()
}

#[tokio::test]
async fn silent_trickling_and_idle_clients_are_closed_by_the_header_timeout() {
    let server = Server::start_with(repo_knowledge(), |c| c.web.header_timeout_seconds = 1).await;
    let addr = server.base.trim_start_matches("http://").to_owned();

    // Connects and never sends a byte.
    let mut silent = TcpStream::connect(&addr).await.unwrap();
    // Sends a request line, then a header byte now and then, never finishing.
    let mut trickler = TcpStream::connect(&addr).await.unwrap();
    trickler
        .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let trickle = tokio::spawn(async move {
        for _ in 0..40 {
            if trickler.write_all(b"X").await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        read_until_closed(&mut trickler).await
    });
    // Asks once on a kept-alive connection, then says nothing more.
    let mut idle = TcpStream::connect(&addr).await.unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();

    let idle_got = read_until_closed(&mut idle).await;
    assert!(idle_got.starts_with("HTTP/1.1 200"), "{idle_got}");
    assert!(
        idle_got.ends_with("ok\n"),
        "the answer, then the close: {idle_got}"
    );
    read_until_closed(&mut silent).await;
    let trickled = timeout(BOUND, trickle).await.expect("in time").unwrap();
    assert!(
        !trickled.contains("200 OK"),
        "a half-sent request is never answered: {trickled}"
    );
    // The server still serves everyone else.
    assert_eq!(server.get("/healthz").await.status, 200);
}

#[tokio::test]
async fn connections_past_the_cap_wait_until_one_closes() {
    let server = Server::start_with(repo_knowledge(), |c| {
        c.web.max_connections = 2;
        c.web.header_timeout_seconds = 60;
    })
    .await;
    let addr = server.base.trim_start_matches("http://").to_owned();
    let held: Vec<TcpStream> = vec![
        TcpStream::connect(&addr).await.unwrap(),
        TcpStream::connect(&addr).await.unwrap(),
    ];
    // Let the server accept both before the third arrives.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let third = tokio::spawn({
        let client = server.client.clone();
        let url = format!("{}/healthz", server.base);
        async move { client.get(url).send().await.map(|r| r.status().as_u16()) }
    });
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        !third.is_finished(),
        "a third connection is not served while two are held"
    );
    drop(held);
    let status = timeout(BOUND, third)
        .await
        .expect("served once a slot is free");
    assert_eq!(status.unwrap().unwrap(), 200);
}

#[tokio::test]
async fn shutdown_ends_within_the_grace_period_despite_held_half_requests() {
    let (mut config, _data) = test_config();
    config.web.shutdown_grace_seconds = 1;
    config.web.header_timeout_seconds = 120;
    let service = Arc::new(FaqService::new(config, repo_knowledge()));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(faqbot::web::serve_on(service, listener, async {
        let _ = stopped.await;
    }));
    let mut held = Vec::new();
    for _ in 0..5 {
        let mut s = TcpStream::connect(addr).await.unwrap();
        s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            .await
            .unwrap();
        held.push(s);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    stop.send(()).unwrap();
    let result = timeout(BOUND, server)
        .await
        .expect("the server stopped within its grace period");
    result.unwrap().unwrap();
    assert!(
        TcpStream::connect(addr).await.is_err(),
        "no longer listening"
    );
}

#[tokio::test]
async fn ask_is_rate_limited_per_client_but_never_for_urgent_questions() {
    let server = Server::start_with(repo_knowledge(), |c| {
        c.web.ask_burst = 2;
        c.web.ask_per_minute = 1;
    })
    .await;
    for _ in 0..2 {
        server
            .get("/ask?q=is+acupuncture+safe")
            .await
            .assert_html(200);
    }
    let refused = server.get("/ask?q=is+acupuncture+safe").await;
    assert_eq!(refused.status, 429, "{}", refused.body);
    let wait: u64 = refused
        .header("retry-after")
        .parse()
        .expect("Retry-After seconds");
    assert!((1..=60).contains(&wait), "{wait}");
    assert!(refused.has(&crate::common::esc(&server.service.config().disclaimer)));
    // The rest of the site is not limited.
    for _ in 0..5 {
        server.get("/faq").await.assert_html(200);
    }
    // Urgent-care guidance is never held back by the limit.
    let urgent = server
        .get("/ask?q=I+suddenly+cannot+control+my+bladder+and+my+back+hurts")
        .await;
    urgent.assert_html(200);
    assert!(urgent.has("role=\"alert\""), "{}", urgent.body);
}

#[tokio::test]
async fn metrics_need_the_bearer_token_when_one_is_set() {
    let (config, _data) = test_config();
    let service = Arc::new(FaqService::new(config, repo_knowledge()));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = faqbot::web::metrics_router(service.clone(), Some("s3cret-metrics".into()));
    let limits = faqbot::web::ServerLimits::from_config(&service.config().web);
    tokio::spawn(faqbot::web::serve_router(
        listener,
        router,
        limits,
        std::future::pending(),
    ));
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let url = format!("http://{addr}/metrics");
    let status = |r: reqwest::Response| r.status().as_u16();
    assert_eq!(status(client.get(&url).send().await.unwrap()), 401);
    let wrong = client.get(&url).bearer_auth("s3cret-metricz").send().await;
    assert_eq!(status(wrong.unwrap()), 401);
    let right = client
        .get(&url)
        .bearer_auth("s3cret-metrics")
        .send()
        .await
        .unwrap();
    assert_eq!(right.status().as_u16(), 200);
    assert!(
        right
            .text()
            .await
            .unwrap()
            .contains("faqbot_questions_total")
    );
    let other = client.get(format!("http://{addr}/")).send().await.unwrap();
    assert_eq!(status(other), 401, "nothing else answers without the token");
}

/// `faqbot web` on a copy of the knowledge: a hand edit is served without a restart, and
/// a broken file is logged (in plain text: stderr is a pipe) while the last good
/// knowledge stays.
#[test]
fn faqbot_web_reloads_hand_edited_knowledge() {
    let knowledge = knowledge_copy();
    let data = tempfile::tempdir().unwrap();
    let config = data.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "data_dir = {:?}\n[web]\nmetrics_bind = \"127.0.0.1:0\"\n",
            data.path().join("data").display().to_string()
        ),
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_faqbot"))
        .arg("--config")
        .arg(&config)
        .arg("--knowledge")
        .arg(knowledge.path())
        .args(["web", "--bind", "127.0.0.1:0"])
        .env_remove("FAQBOT_CONFIG")
        .env_remove("DISCORD_TOKEN")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start faqbot web");
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let (lines_tx, lines) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in stderr.lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    let wait_for = |what: &dyn Fn(&str) -> bool| -> String {
        let deadline = std::time::Instant::now() + BOUND;
        while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
            match lines.recv_timeout(left) {
                // Logs to a pipe or file are plain text (issue 9).
                Ok(line) if line.contains('\u{1b}') => panic!("colour codes in {line:?}"),
                Ok(line) if what(&line) => return line,
                Ok(_) => {}
                Err(_) => break,
            }
        }
        panic!("faqbot web never logged the expected line");
    };
    let line = wait_for(&|l| l.starts_with("Serving the FAQ pages on http://"));
    let addr = line
        .trim_start_matches("Serving the FAQ pages on http://")
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let faq_path = knowledge.path().join("faq.toml");
    let original = std::fs::read_to_string(&faq_path).unwrap();
    let entry = &repo_knowledge().faq[0];
    let reworded = format!("{} (reworded by hand)", entry.question);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let faq_page = || {
        rt.block_on(async {
            let r = client
                .get(format!("http://{addr}/faq"))
                .send()
                .await
                .unwrap();
            r.text().await.unwrap()
        })
    };
    assert!(!faq_page().contains("(reworded by hand)"));
    let edited = original.replacen(
        &format!("question = {:?}", entry.question),
        &format!("question = {reworded:?}"),
        1,
    );
    assert_ne!(edited, original, "the entry's question line was found");
    std::fs::write(&faq_path, &edited).unwrap();
    let deadline = std::time::Instant::now() + BOUND;
    while !faq_page().contains("(reworded by hand)") {
        assert!(
            std::time::Instant::now() < deadline,
            "faqbot web never served the edit"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // A broken file: logged with file and line, and the last good knowledge stays.
    std::fs::write(&faq_path, format!("{edited}\n[[entry]]\nid = \n")).unwrap();
    wait_for(&|l| l.contains("invalid knowledge"));
    // The error names the file (the message may run over several lines).
    wait_for(&|l| l.contains("faq.toml"));
    assert!(faq_page().contains("(reworded by hand)"));
    let _ = child.kill();
    let _ = child.wait();
}
