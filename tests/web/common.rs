//! A test server on 127.0.0.1:0 and small helpers to read what it sends.

use std::collections::HashMap;
use std::sync::Arc;

use faqbot::FaqService;
use faqbot::config::Config;
use faqbot::knowledge::Knowledge;
use tempfile::TempDir;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::support::knowledge::{repo_knowledge, test_config};

/// The web pages served on a loopback port, with section links pointing at it.
pub struct Server {
    /// `http://127.0.0.1:<port>`, no trailing slash.
    pub base: String,
    /// Where `/metrics` is served (its own port), no trailing slash.
    pub metrics_base: String,
    pub service: Arc<FaqService>,
    pub client: reqwest::Client,
    shutdown: Option<oneshot::Sender<()>>,
    _data: TempDir,
}

impl Server {
    /// Serves the repository's knowledge with the default config.
    pub async fn start() -> Server {
        Server::start_with(repo_knowledge(), |_| {}).await
    }

    /// Serves `knowledge` with the default config as `edit` changes it. `links.public_base_url`
    /// is set to the server's own address before the service is built.
    pub async fn start_with(knowledge: Knowledge, edit: impl FnOnce(&mut Config)) -> Server {
        let (mut config, data) = test_config();
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let base = format!("http://{addr}");
        config.web.bind = addr.to_string();
        config.links.public_base_url = Some(base.clone());
        edit(&mut config);
        let service = Arc::new(FaqService::new(config, knowledge));
        let (tx, rx) = oneshot::channel::<()>();
        tokio::spawn(faqbot::web::serve_on(service.clone(), listener, async {
            let _ = rx.await;
        }));
        let metrics = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let metrics_base = format!("http://{}", metrics.local_addr().expect("local addr"));
        tokio::spawn(faqbot::web::serve_metrics_on(
            service.clone(),
            metrics,
            std::future::pending(),
        ));
        let client = reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(20))
            .build()
            .expect("http client");
        Server {
            base,
            metrics_base,
            service,
            client,
            shutdown: Some(tx),
            _data: data,
        }
    }

    /// GETs a path (with its query), returning status, content type and body.
    pub async fn get(&self, path_and_query: &str) -> Page {
        self.get_url(&format!("{}{path_and_query}", self.base))
            .await
    }

    /// GETs `/metrics` from the metrics port.
    pub async fn metrics_page(&self) -> Page {
        self.get_url(&format!("{}/metrics", self.metrics_base))
            .await
    }

    async fn get_url(&self, url: &str) -> Page {
        let path_and_query = url;
        let response = self
            .client
            .get(url)
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {path_and_query}: {e}"));
        let status = response.status().as_u16();
        let headers: HashMap<String, String> = response
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
            .collect();
        let body = response.text().await.expect("body");
        Page {
            status,
            headers,
            body,
        }
    }

    /// The metrics as name (with labels) → value.
    pub async fn metrics(&self) -> HashMap<String, f64> {
        let page = self.metrics_page().await;
        assert_eq!(page.status, 200);
        parse_metrics(&page.body)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

pub struct Page {
    pub status: u16,
    pub headers: HashMap<String, String>,
    pub body: String,
}

impl Page {
    pub fn content_type(&self) -> &str {
        self.headers.get("content-type").map_or("", String::as_str)
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", String::as_str)
    }

    /// Asserts the page is HTML with the given status.
    pub fn assert_html(&self, status: u16) -> &Self {
        assert_eq!(self.status, status, "status; body:\n{}", self.body);
        assert_eq!(self.content_type(), "text/html; charset=utf-8");
        self
    }

    pub fn has(&self, needle: &str) -> bool {
        self.body.contains(needle)
    }

    /// Where `needle` first appears, panicking if it does not.
    pub fn pos(&self, needle: &str) -> usize {
        self.body
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in page:\n{}", self.body))
    }
}

/// Text as maud writes it inside an element or a quoted attribute.
pub fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Prometheus text → name (with labels) → value; comments skipped.
pub fn parse_metrics(text: &str) -> HashMap<String, f64> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (name, value) = l
                .rsplit_once(' ')
                .unwrap_or_else(|| panic!("bad metrics line {l:?}"));
            let value: f64 = value
                .parse()
                .unwrap_or_else(|_| panic!("bad value in {l:?}"));
            (name.to_owned(), value)
        })
        .collect()
}
