//! The `custom_id`s on the bot's buttons and menus for patients: what a click means,
//! carried in the message itself so the bot keeps no per-message state. All start with
//! `faq:` so other components (the moderator tools' `faq:mod:` ids) can share the
//! namespace; unknown ids parse to `None`. A leaf: only [`super::limits`] is used here.

use serenity::all::UserId;

const PREFIX: &str = "faq:";

/// What a component on one of the bot's messages does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComponentAction {
    /// 👍 / 👎 under an answer, for `entry_id`.
    Feedback { helpful: bool, entry_id: String },
    /// 🗑: only `asker` (or a moderator) may remove the message.
    Remove { asker: UserId },
    /// The "did you mean" menu; the chosen value is an entry id.
    Pick { asker: UserId },
    /// A related question under an answer: answers `entry_id`, in place for `asker`.
    Related { asker: UserId, entry_id: String },
}

impl ComponentAction {
    pub fn encode(&self) -> String {
        let id = match self {
            Self::Feedback { helpful, entry_id } => {
                format!(
                    "{PREFIX}fb:{}:{entry_id}",
                    if *helpful { "up" } else { "down" }
                )
            }
            Self::Remove { asker } => format!("{PREFIX}rm:{asker}"),
            Self::Pick { asker } => format!("{PREFIX}pick:{asker}"),
            Self::Related { asker, entry_id } => format!("{PREFIX}rel:{asker}:{entry_id}"),
        };
        // Entry ids are short slugs; a custom id holds 100 characters.
        id.chars().take(super::limits::CUSTOM_ID).collect()
    }

    pub fn parse(id: &str) -> Option<ComponentAction> {
        let rest = id.strip_prefix(PREFIX)?;
        let (kind, arg) = rest.split_once(':')?;
        let user = |s: &str| s.parse::<u64>().ok().filter(|&n| n != 0).map(UserId::new);
        match kind {
            "fb" => {
                let (vote, entry_id) = arg.split_once(':')?;
                let helpful = match vote {
                    "up" => true,
                    "down" => false,
                    _ => return None,
                };
                (!entry_id.is_empty()).then(|| ComponentAction::Feedback {
                    helpful,
                    entry_id: entry_id.to_owned(),
                })
            }
            "rm" => Some(ComponentAction::Remove { asker: user(arg)? }),
            "pick" => Some(ComponentAction::Pick { asker: user(arg)? }),
            "rel" => {
                let (asker, entry_id) = arg.split_once(':')?;
                let asker = user(asker)?;
                (!entry_id.is_empty()).then(|| ComponentAction::Related {
                    asker,
                    entry_id: entry_id.to_owned(),
                })
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_garbage() {
        for action in [
            ComponentAction::Feedback {
                helpful: true,
                entry_id: "what-is-acupuncture".into(),
            },
            ComponentAction::Feedback {
                helpful: false,
                entry_id: "x".into(),
            },
            ComponentAction::Remove {
                asker: UserId::new(42),
            },
            ComponentAction::Pick {
                asker: UserId::new(7),
            },
            ComponentAction::Related {
                asker: UserId::new(u64::MAX),
                entry_id: "does-it-hurt".into(),
            },
        ] {
            assert_eq!(ComponentAction::parse(&action.encode()), Some(action));
        }
        for bad in [
            "",
            "faq:",
            "faq:rm:",
            "faq:rm:0",
            "faq:rm:abc",
            "faq:fb:maybe:x",
            "faq:fb:up:",
            "other:rm:1",
            "faq:zz:1",
            "faq:rel:1",
            "faq:rel:1:",
            "faq:rel:0:x",
            "faq:rel::x",
        ] {
            assert_eq!(ComponentAction::parse(bad), None, "{bad:?}");
        }
    }
}
