//! How fast the bot answers an interaction: the time from the fake Discord handing an
//! INTERACTION_CREATE to the gateway connection to it receiving the bot's callback, over
//! 1,000 `/ask` interactions (a mix of answers, suggestions, no match and urgent) against
//! the real serenity/poise client and `discord::run`. Discord's deadline is 3 seconds.
//!
//! `cargo bench --bench interaction` (set `INTERACTION_BENCH_N` for another count).

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::Duration;

use support::bot::TestBot;
use support::fake_discord::payloads::{self, IN_GUILD};
use support::fake_discord::{FakeDiscord, alice};

const QUESTIONS: [&str; 6] = [
    "what is acupuncture?",
    "does acupuncture work for back pain",
    "how much does it cost",
    "risks",
    "what is the capital of france",
    "my groin feels numb",
];

fn main() {
    let n: usize = std::env::var("INTERACTION_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let mut latencies = runtime.block_on(async {
        let fake = FakeDiscord::start().await;
        let bot = TestBot::start(&fake, |_| {}).await;
        // Warm up: first-use allocations, connection pools.
        for q in QUESTIONS.iter().cycle().take(50) {
            let id = fake.next_id();
            fake.interact(payloads::ask(id, q, &alice(), IN_GUILD));
            fake.callback(id).await;
        }
        let mut latencies = Vec::with_capacity(n);
        for q in QUESTIONS.iter().cycle().take(n) {
            let id = fake.next_id();
            let sent = fake.interact(payloads::ask(id, q, &alice(), IN_GUILD));
            let callback = fake.callback(id).await;
            latencies.push(callback.at.duration_since(sent));
        }
        fake.assert_clean();
        bot.stop().await.expect("clean stop");
        latencies
    });
    latencies.sort();
    let pick = |q: f64| {
        latencies[((latencies.len() as f64 * q).ceil() as usize).clamp(1, latencies.len()) - 1]
    };
    let mean = latencies.iter().sum::<Duration>() / latencies.len() as u32;
    println!(
        "interaction: INTERACTION_CREATE sent -> callback received, {} /ask interactions",
        latencies.len()
    );
    println!("  median {:>9.3?}", pick(0.5));
    println!("  p90    {:>9.3?}", pick(0.9));
    println!("  p99    {:>9.3?}", pick(0.99));
    println!("  max    {:>9.3?}", latencies[latencies.len() - 1]);
    println!("  mean   {:>9.3?}", mean);
}
