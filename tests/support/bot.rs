//! The bot under test, run in-process against a [`FakeDiscord`] through the same
//! `discord::run` that `faqbot run` uses, with the small fixture knowledge.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use faqbot::FaqService;
use faqbot::config::Config;
use faqbot::discord::{self, DiscordError};
use faqbot::knowledge::WatchHandle;
use tempfile::TempDir;
use tokio::sync::oneshot;

use super::fake_discord::{FakeDiscord, GUILD_ID, MOD_ROLE, TOKEN};

/// The small, stable knowledge folder the Discord tests answer from.
pub fn fixture_knowledge_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/fixtures/knowledge")
}

/// Section links in tests point here.
pub const PUBLIC_BASE_URL: &str = "https://faq.example.org";

/// A config for a bot talking to `fake`: commands in the fake guild, no cooldown, public
/// links, data in `data_dir`.
pub fn config_for(fake: &FakeDiscord, data_dir: &Path) -> Config {
    let mut config = Config {
        knowledge_dir: fixture_knowledge_dir(),
        data_dir: data_dir.to_path_buf(),
        ..Config::default()
    };
    config.links.public_base_url = Some(PUBLIC_BASE_URL.to_owned());
    config.discord.http_proxy = Some(fake.proxy_url());
    config.discord.guild_ids = vec![GUILD_ID];
    config.discord.moderator_role_ids = vec![MOD_ROLE];
    config.discord.cooldown_seconds = 0;
    config
}

/// A running bot.
pub struct TestBot {
    pub service: Arc<FaqService>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<Result<(), DiscordError>>>,
    _data: TempDir,
    _watch: Option<WatchHandle>,
}

impl TestBot {
    /// Starts the bot against `fake` (after `configure` adjusts the config) and waits until
    /// it has registered its commands.
    pub async fn start(fake: &FakeDiscord, configure: impl FnOnce(&mut Config)) -> TestBot {
        let bot = Self::spawn(fake, configure, TOKEN);
        fake.wait_ready().await;
        bot
    }

    /// Starts the bot as `faqbot run` does — with its knowledge store watching the
    /// knowledge folder (debounced 100 ms) — and waits until it has registered its commands.
    pub async fn start_watching(
        fake: &FakeDiscord,
        configure: impl FnOnce(&mut Config),
    ) -> TestBot {
        let bot = Self::spawn_with(fake, configure, TOKEN, true);
        fake.wait_ready().await;
        bot
    }

    /// Starts the bot with `token` without waiting for anything.
    pub fn spawn(fake: &FakeDiscord, configure: impl FnOnce(&mut Config), token: &str) -> TestBot {
        Self::spawn_with(fake, configure, token, false)
    }

    fn spawn_with(
        fake: &FakeDiscord,
        configure: impl FnOnce(&mut Config),
        token: &str,
        watch: bool,
    ) -> TestBot {
        init_test_logging();
        let data = tempfile::tempdir().expect("temp data dir");
        let mut config = config_for(fake, data.path());
        configure(&mut config);
        let knowledge = faqbot::knowledge::load_dir(&config.knowledge_dir)
            .unwrap_or_else(|e| panic!("fixture knowledge: {e:?}"));
        let service = Arc::new(FaqService::new(config, knowledge));
        let (stop, stopped) = oneshot::channel::<()>();
        let token = token.to_owned();
        let (store, watch) = if watch {
            let store = Arc::new(service.open_store().expect("the knowledge store opens"));
            let handle = store
                .watch_with_debounce(Duration::from_millis(100))
                .expect("watch the knowledge folder");
            (Some(store), Some(handle))
        } else {
            (None, None)
        };
        let task = tokio::spawn({
            let service = service.clone();
            async move {
                let stopped = async {
                    let _ = stopped.await;
                };
                match store {
                    Some(store) => discord::run_with_store(service, store, &token, stopped).await,
                    None => discord::run(service, &token, stopped).await,
                }
            }
        });
        TestBot {
            service,
            stop: Some(stop),
            task: Some(task),
            _data: data,
            _watch: watch,
        }
    }

    /// Whether `discord::run` is still going (it has not returned or panicked).
    pub fn is_running(&self) -> bool {
        self.task.as_ref().is_some_and(|t| !t.is_finished())
    }

    /// Waits for `discord::run` to return on its own (e.g. after a start-up error).
    pub async fn finished(mut self, timeout: Duration) -> Result<(), DiscordError> {
        let task = self.task.take().expect("task");
        tokio::time::timeout(timeout, task)
            .await
            .expect("the bot did not stop in time")
            .expect("the bot task panicked")
    }

    /// Asks the bot to shut down and waits for it.
    pub async fn stop(mut self) -> Result<(), DiscordError> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let task = self.task.take().expect("task");
        tokio::time::timeout(Duration::from_secs(10), task)
            .await
            .expect("the bot did not shut down within 10 s")
            .expect("the bot task panicked")
    }
}

impl Drop for TestBot {
    fn drop(&mut self) {
        if let Some(task) = &self.task {
            task.abort();
        }
    }
}

/// Test logs (`RUST_LOG=faqbot=debug cargo test …` to see them), once per test binary.
pub fn init_test_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,serenity=error"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_test_writer()
        .try_init();
}
