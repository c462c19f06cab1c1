//! The settings an operator can write in the config file, each with its default, and the
//! environment variables that hold what must not be written there (secrets).

use std::path::PathBuf;

use serde::Deserialize;

/// The environment variable that names a config file when `--config` is not given.
pub const CONFIG_ENV: &str = "FAQBOT_CONFIG";
/// The default config path, relative to the working directory.
pub const DEFAULT_CONFIG_PATH: &str = "config/default.toml";
/// The environment variable that holds the Discord bot token.
pub const TOKEN_ENV: &str = "DISCORD_TOKEN";
/// The environment variable that, when set, holds the bearer token `/metrics` requires.
pub const METRICS_TOKEN_ENV: &str = "FAQBOT_METRICS_TOKEN";

/// Everything an operator can set. Every field has a default so a partial file works.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The medical disclaimer carried by every reply, on every surface.
    pub disclaimer: String,
    /// Where the knowledge files live (relative paths are relative to the working directory).
    pub knowledge_dir: PathBuf,
    /// Where the bot writes what it learns at run time (unanswered questions, feedback, audit log).
    pub data_dir: PathBuf,
    pub matching: MatchingConfig,
    /// The fitted decision (see [`ConfidenceConfig`]); built in from `config/confidence.toml`.
    pub confidence: ConfidenceConfig,
    pub messages: MessagesConfig,
    pub links: LinksConfig,
    pub limits: LimitsConfig,
    pub unanswered: UnansweredConfig,
    pub discord: DiscordConfig,
    pub web: WebConfig,
    pub log: LogConfig,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            disclaimer: "This is general information from an article about acupuncture for back pain, \
                         not medical advice. It cannot diagnose or treat you. Talk to your GP, pharmacist \
                         or another qualified health professional about your own symptoms. In an \
                         emergency call 999."
                .to_owned(),
            knowledge_dir: PathBuf::from("knowledge"),
            data_dir: PathBuf::from("data"),
            matching: MatchingConfig::default(),
            confidence: ConfidenceConfig::default(),
            messages: MessagesConfig::default(),
            links: LinksConfig::default(),
            limits: LimitsConfig::default(),
            unanswered: UnansweredConfig::default(),
            discord: DiscordConfig::default(),
            web: WebConfig::default(),
            log: LogConfig::default(),
        }
    }
}

/// How the lexical signal scores, and how many suggestions to offer.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MatchingConfig {
    /// A new phrasing whose lexical score for another entry (or a not-covered topic) is at
    /// or above this, and above its own entry's, is refused as a collision.
    pub suggest_threshold: f32,
    /// How many suggestions to offer at most.
    pub max_suggestions: usize,
    /// How much a question word found only in an entry's passage counts, against 1 for a
    /// word in its question or alternates. Passages mention much in passing.
    pub passage_weight: f32,
    /// How much a question word the knowledge never uses counts against every entry,
    /// relative to the rarest known word. Above 1: an unknown content word ("migraines")
    /// is the strongest sign a question is out of scope.
    pub unknown_word_weight: f32,
}

impl Default for MatchingConfig {
    fn default() -> Self {
        Self {
            suggest_threshold: 0.45,
            max_suggestions: 3,
            passage_weight: 0.5,
            unknown_word_weight: 1.5,
        }
    }
}

/// The decision between answer, suggestions and no match: a logistic regression over the
/// engine's evidence (`engine::Evidence`), fitted by `scripts/fit_confidence.py`. The
/// weights are fitted together, so an operator who overrides them sets the whole
/// `[confidence]` table (copy `config/confidence.toml`).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ConfidenceConfig {
    /// Candidates are ranked by `blend * lexical + (1 - blend) * semantic`.
    pub blend: f32,
    /// A top candidate this confident or more is answered outright...
    pub answer_at: f32,
    /// ...one this confident or more gets "did you mean" suggestions; below it, no match.
    pub suggest_at: f32,
    /// The logistic regression's intercept and weights.
    pub bias: f32,
    pub weights: ConfidenceWeights,
}

/// The evidence features the confidence weighs, in the order of `engine::Evidence::values`
/// and of [`ConfidenceWeights::by_feature`]: the contract between this file's
/// `[confidence.weights]` table, the engine and `scripts/fit_confidence.py`.
pub const CONFIDENCE_FEATURES: [&str; 7] = [
    "lexical",
    "semantic",
    "passage",
    "margin",
    "semantic_lead",
    "unknown_share",
    "not_covered",
];

/// One weight per evidence feature, read from a table keyed by the feature names: a
/// missing or unknown name is an error naming it, so a refit that adds a feature cannot
/// be half-copied into an operator's config.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfidenceWeights([f32; CONFIDENCE_FEATURES.len()]);

impl ConfidenceWeights {
    /// The weights in [`CONFIDENCE_FEATURES`] order.
    pub fn by_feature(&self) -> &[f32; CONFIDENCE_FEATURES.len()] {
        &self.0
    }
}

impl<'de> Deserialize<'de> for ConfidenceWeights {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let table = std::collections::BTreeMap::<String, f32>::deserialize(deserializer)?;
        if let Some(unknown) = table
            .keys()
            .find(|k| !CONFIDENCE_FEATURES.contains(&k.as_str()))
        {
            return Err(D::Error::unknown_field(unknown, &CONFIDENCE_FEATURES));
        }
        let mut weights = [0.0; CONFIDENCE_FEATURES.len()];
        for (weight, name) in weights.iter_mut().zip(CONFIDENCE_FEATURES) {
            *weight = *table
                .get(name)
                .ok_or_else(|| D::Error::missing_field(name))?;
        }
        Ok(ConfidenceWeights(weights))
    }
}

/// The fitted table, written by `scripts/fit_confidence.py` and compiled in: the one
/// source of the defaults.
const FITTED_CONFIDENCE: &str = include_str!("../../config/confidence.toml");

impl Default for ConfidenceConfig {
    fn default() -> Self {
        #[derive(Deserialize)]
        struct File {
            confidence: ConfidenceConfig,
        }
        toml::from_str::<File>(FITTED_CONFIDENCE)
            .expect("config/confidence.toml parses (checked by a unit test)")
            .confidence
    }
}

/// What the bot says when it has no FAQ answer. (Triage texts live in `knowledge/triage.toml`.)
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MessagesConfig {
    /// The question is not covered by the FAQ.
    pub out_of_scope: String,
    /// The question was empty.
    pub empty: String,
    /// A greeting, thanks or "help" with nothing asked: what the bot answers and how.
    pub small_talk: String,
    /// Words small talk is made of. A message made only of these (and punctuation or
    /// emoji) is small talk; one topic word makes it a question. Keep topic words out.
    pub small_talk_words: Vec<String>,
}

impl Default for MessagesConfig {
    fn default() -> Self {
        Self {
            out_of_scope: "Sorry, I don't have that in the FAQ. I can only answer questions about what the \
                           article on acupuncture for back pain covers. For anything else, please ask your GP, \
                           pharmacist or physiotherapist."
                .to_owned(),
            empty: "Please type a question about acupuncture for back pain.".to_owned(),
            small_talk: "Hello! I answer questions about acupuncture for back pain, from one article: whether it works, how it compares with sham acupuncture, what NICE and the NHS say about it, and what back pain costs. Ask in your own words, for example \"does acupuncture help lower back pain?\""
                .to_owned(),
            small_talk_words: ["hi", "hii", "hiya", "hey", "heya", "hello", "helo", "hullo", "howdy", "yo", "greetings", "good", "morning", "afternoon", "evening", "night", "gm", "thanks", "thank", "thankyou", "thx", "ty", "cheers", "ta", "much", "very", "so", "lot", "lots", "help", "helpful", "me", "please", "pls", "plz", "what", "can", "could", "you", "u", "ya", "do", "who", "are", "r", "a", "an", "bot", "robot", "ai", "there", "all", "everyone", "guys", "folks", "mate", "again", "anyway", "ok", "okay", "k", "cool", "great", "nice", "brilliant", "lovely", "bye", "goodbye", "cya", "later", "see", "the", "and", "oh", "oops", "sorry", "test", "testing", "that", "thats", "this", "it", "its", "was", "is", "been", "really", "super", "useful", "awesome", "amazing", "perfect", "appreciate", "appreciated", "answers", "answered", "my", "question", "makes", "sense", "got", "info"]
            .map(str::to_owned)
            .to_vec(),
        }
    }
}

/// How links to full sections are built.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LinksConfig {
    /// The original article's URL. When set, section links are this URL plus `#anchor`.
    pub article_url: Option<String>,
    /// The public base URL of the built-in web pages (e.g. `https://faq.example.org`).
    /// Used for section links when `article_url` is not set.
    pub public_base_url: Option<String>,
}

/// Bounds on what people send.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LimitsConfig {
    /// Questions longer than this many characters are politely refused.
    pub max_question_chars: usize,
}

impl Default for LimitsConfig {
    fn default() -> Self {
        Self {
            max_question_chars: 500,
        }
    }
}

/// The unanswered-questions queue moderators work from. Anyone can add to it, so it is
/// bounded.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UnansweredConfig {
    /// At most this many distinct (normalised) questions are kept; the least recently
    /// asked give way to new ones.
    pub max_questions: usize,
    /// Questions not asked again within this many days are forgotten.
    pub retention_days: u64,
}

impl Default for UnansweredConfig {
    fn default() -> Self {
        Self {
            max_questions: 1000,
            retention_days: 90,
        }
    }
}

/// Discord settings. The token is not here: it comes from `DISCORD_TOKEN`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DiscordConfig {
    /// Register commands in these guilds (instant; for testing). Empty: register globally.
    pub guild_ids: Vec<u64>,
    /// Channels where the bot answers plain messages without being mentioned.
    /// Setting any requests the privileged Message Content intent.
    pub free_text_channel_ids: Vec<u64>,
    /// Role ids whose members may edit the FAQ. This, not Discord's permission, is the authority.
    pub moderator_role_ids: Vec<u64>,
    /// A channel where the bot reports knowledge problems (invalid files on reload) to moderators.
    pub moderator_log_channel_id: Option<u64>,
    /// Answer `/ask` in guilds ephemerally (only the asker sees it): health questions are personal.
    pub ephemeral_answers: bool,
    /// Seconds a user must wait between questions.
    pub cooldown_seconds: u64,
    /// A Discord REST proxy (nirn-proxy, twilight-http-proxy) that holds rate limits for
    /// several processes. The end-to-end tests point this at the fake Discord.
    pub http_proxy: Option<String>,
    /// Run only these shards (`[first, last]`, inclusive) out of `shard_total`.
    /// Unset: serenity's autosharding.
    pub shard_range: Option<[u32; 2]>,
    pub shard_total: Option<u32>,
    /// Seconds to wait for a connection to Discord's REST API (or the proxy) to open.
    pub connect_timeout_seconds: u64,
    /// Seconds one REST request (the start-up token check included) may take in all.
    pub request_timeout_seconds: u64,
}

impl Default for DiscordConfig {
    fn default() -> Self {
        Self {
            guild_ids: Vec::new(),
            free_text_channel_ids: Vec::new(),
            moderator_role_ids: Vec::new(),
            moderator_log_channel_id: None,
            ephemeral_answers: true,
            cooldown_seconds: 5,
            http_proxy: None,
            shard_range: None,
            shard_total: None,
            connect_timeout_seconds: 10,
            request_timeout_seconds: 30,
        }
    }
}

impl DiscordConfig {
    /// The bot token from the environment, if set and not blank.
    pub fn token_from_env() -> Option<String> {
        std::env::var(TOKEN_ENV)
            .ok()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
    }
}

/// The built-in web pages.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WebConfig {
    /// Serve the pages alongside the Discord bot in `faqbot run`.
    pub enabled: bool,
    /// Address to listen on.
    pub bind: String,
    /// Where `/metrics` is served: its own address, loopback by default, so the patient
    /// port never shows it. Empty: not served at all. When `FAQBOT_METRICS_TOKEN` is set,
    /// it also needs `Authorization: Bearer <token>`.
    pub metrics_bind: String,
    /// Seconds a client has to send a request's headers, and to start the next request on
    /// a kept-alive connection: slow and silent clients are closed after this.
    pub header_timeout_seconds: u64,
    /// Seconds a whole request may take, body and answer included.
    pub request_timeout_seconds: u64,
    /// Connections served at once; more wait to be accepted until one closes.
    pub max_connections: usize,
    /// Seconds requests in flight get to finish after a stop signal.
    pub shutdown_grace_seconds: u64,
    /// Questions one client address may ask on `/ask` per minute, after a burst of
    /// `ask_burst`; more get "429 Too Many Requests" with a Retry-After.
    pub ask_per_minute: u32,
    pub ask_burst: u32,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            enabled: false,
            bind: "127.0.0.1:8080".to_owned(),
            metrics_bind: "127.0.0.1:9464".to_owned(),
            header_timeout_seconds: 10,
            request_timeout_seconds: 30,
            max_connections: 512,
            shutdown_grace_seconds: 5,
            ask_per_minute: 30,
            ask_burst: 10,
        }
    }
}

/// Log output. `RUST_LOG` overrides `level`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogConfig {
    /// `pretty` for people, `json` for log collectors.
    pub format: LogFormat,
    /// A tracing filter, e.g. `info` or `faqbot=debug,serenity=warn`.
    pub level: String,
}

impl Default for LogConfig {
    fn default() -> Self {
        Self {
            format: LogFormat::Pretty,
            level: "info,serenity=warn,poise=warn".to_owned(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}
