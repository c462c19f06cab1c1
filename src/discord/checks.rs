//! Discord's own gatekeeping: the per-user cooldown (the length limit is the service's
//! admission rule) and who counts as a moderator. Only user ids and times are held, in memory, for
//! the cooldown window — never with a question.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serenity::all::{Member, RoleId, UserId};

/// The answer to "may this user ask now?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cooldown {
    Ready,
    /// Too soon: wait this long. `first` is true for the first refusal in this window, so
    /// channels get one notice rather than one per message.
    Wait {
        remaining: Duration,
        first: bool,
    },
}

/// Per-user time between questions.
pub struct Cooldowns {
    period: Duration,
    /// When each user last asked, and whether they were already told to wait.
    last: Mutex<HashMap<UserId, (Instant, bool)>>,
}

impl Cooldowns {
    pub fn new(period: Duration) -> Cooldowns {
        Cooldowns {
            period,
            last: Mutex::new(HashMap::new()),
        }
    }

    /// Checks and, when the user may ask, starts their next window.
    pub fn check(&self, user: UserId) -> Cooldown {
        self.check_at(user, Instant::now())
    }

    fn check_at(&self, user: UserId, now: Instant) -> Cooldown {
        if self.period.is_zero() {
            return Cooldown::Ready;
        }
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        if last.len() > 10_000 {
            let period = self.period;
            last.retain(|_, (at, _)| now.duration_since(*at) < period);
        }
        match last.get_mut(&user) {
            Some((at, warned)) if now.duration_since(*at) < self.period => {
                let first = !*warned;
                *warned = true;
                Cooldown::Wait {
                    remaining: self.period - now.duration_since(*at),
                    first,
                }
            }
            _ => {
                last.insert(user, (now, false));
                Cooldown::Ready
            }
        }
    }
}

/// Whether a guild member holds one of the configured moderator roles. In DMs there is no
/// member, and so no moderator.
pub fn is_moderator(member: Option<&Member>, moderator_roles: &[u64]) -> bool {
    member.is_some_and(|m| {
        m.roles
            .iter()
            .any(|r: &RoleId| moderator_roles.contains(&r.get()))
    })
}

/// Whole seconds to tell a person to wait, never "0".
pub fn wait_seconds(remaining: Duration) -> u64 {
    remaining.as_secs() + u64::from(remaining.subsec_nanos() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cooldown_per_user_warns_once_per_window() {
        let c = Cooldowns::new(Duration::from_secs(10));
        let t0 = Instant::now();
        let (a, b) = (UserId::new(1), UserId::new(2));
        assert_eq!(c.check_at(a, t0), Cooldown::Ready);
        assert_eq!(c.check_at(b, t0), Cooldown::Ready);
        assert_eq!(
            c.check_at(a, t0 + Duration::from_secs(3)),
            Cooldown::Wait {
                remaining: Duration::from_secs(7),
                first: true
            }
        );
        assert!(matches!(
            c.check_at(a, t0 + Duration::from_secs(4)),
            Cooldown::Wait { first: false, .. }
        ));
        assert_eq!(c.check_at(a, t0 + Duration::from_secs(10)), Cooldown::Ready);
        assert_eq!(Cooldowns::new(Duration::ZERO).check(a), Cooldown::Ready);
    }

    #[test]
    fn wait_seconds_round_up() {
        assert_eq!(wait_seconds(Duration::from_millis(1200)), 2);
        assert_eq!(wait_seconds(Duration::from_secs(3)), 3);
    }
}
