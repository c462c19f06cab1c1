//! Engine work — matching a question, autocomplete — off the async workers: it runs on
//! tokio's blocking threads, at most one piece per core at a time, so a costly paste
//! stalls neither the gateway nor anyone else's command, and a flood of them queues
//! (as waiting futures, not threads) instead of piling onto the CPU.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

use super::limits::AUTOCOMPLETE_INPUT;

/// How long an autocomplete waits for its turn before it answers with no suggestions:
/// Discord gives it 3 seconds, and suggestions for what was typed seconds ago are stale.
pub const AUTOCOMPLETE_WAIT: Duration = Duration::from_secs(1);

/// The bound on concurrent engine work.
pub struct EngineWork {
    permits: Arc<Semaphore>,
}

impl EngineWork {
    /// At most `max_concurrent` pieces of work at once (at least one).
    pub fn new(max_concurrent: usize) -> EngineWork {
        EngineWork {
            permits: Arc::new(Semaphore::new(max_concurrent.max(1))),
        }
    }

    /// One piece of work per core of this machine.
    pub fn per_core() -> EngineWork {
        EngineWork::new(std::thread::available_parallelism().map_or(1, |n| n.get()))
    }

    /// Runs `f` on a blocking thread once it is its turn.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> anyhow::Result<T> {
        let permit = self.permits.clone().acquire_owned().await?;
        let out = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            f()
        })
        .await?;
        Ok(out)
    }

    /// [`run`](Self::run), or `None` when its turn has not come within `wait`.
    pub async fn run_within<T: Send + 'static>(
        &self,
        wait: Duration,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Option<T> {
        let permit = tokio::time::timeout(wait, self.permits.clone().acquire_owned())
            .await
            .ok()?
            .ok()?;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            f()
        })
        .await
        .ok()
    }
}

/// What autocomplete looks at of what is typed: its first [`AUTOCOMPLETE_INPUT`]
/// characters, so a long paste costs no more than a short one.
pub fn bounded_partial(partial: &str) -> &str {
    match partial.char_indices().nth(AUTOCOMPLETE_INPUT) {
        Some((end, _)) => &partial[..end],
        None => partial,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn autocomplete_input_is_bounded_in_characters() {
        assert_eq!(bounded_partial("needles"), "needles");
        let long = "㌖".repeat(AUTOCOMPLETE_INPUT * 40);
        assert_eq!(bounded_partial(&long).chars().count(), AUTOCOMPLETE_INPUT);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn work_beyond_the_bound_waits_its_turn() {
        let work = Arc::new(EngineWork::new(1));
        let (started_tx, started_rx) = std::sync::mpsc::channel::<()>();
        let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
        let busy = tokio::spawn({
            let work = work.clone();
            async move {
                work.run(move || {
                    started_tx.send(()).unwrap();
                    release_rx.recv().unwrap();
                })
                .await
                .unwrap();
            }
        });
        tokio::task::spawn_blocking(move || started_rx.recv().unwrap())
            .await
            .unwrap();
        assert_eq!(
            work.run_within(Duration::from_millis(50), || 1).await,
            None,
            "the one permit is taken"
        );
        release_tx.send(()).unwrap();
        busy.await.unwrap();
        assert_eq!(work.run_within(Duration::from_secs(5), || 2).await, Some(2));
    }
}
