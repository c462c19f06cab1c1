//! The `custom_id`s of the moderator tools' forms, buttons and menus. They all start with
//! `faq:mod:`, which the patients' component handler ([`crate::discord::custom_id::ComponentAction`]) does not
//! know, so each kind of click reaches exactly one handler. Like the rest of the bot, the
//! tools keep no per-message state: what a click needs (an entry id, the version the
//! moderator saw) rides in the id, or is read back from the message it is on.

use crate::knowledge::EntryVersion;

/// What every moderator custom id starts with.
pub const PREFIX: &str = "faq:mod:";

/// What a moderator form, button or menu is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModId {
    /// The entry form, for a new entry; `id` when the moderator chose one.
    NewEntry { id: Option<String> },
    /// The entry form, for a new entry from question `n` (1-based) of the unanswered list
    /// it was opened from.
    NewFromUnanswered { n: usize },
    /// The entry form, editing `entry_id` as it was at `version`: if the entry changed
    /// since, the store refuses the edit.
    Edit {
        version: EntryVersion,
        entry_id: String,
    },
    /// "Remove" on the confirmation of removing `entry_id` as it was at `version`.
    ConfirmRemove {
        version: EntryVersion,
        entry_id: String,
    },
    /// "Cancel" on that confirmation.
    CancelRemove,
    /// The unanswered list's "new entry from…" menu; its values are question numbers.
    UnansweredNew,
    /// The unanswered list's "alternate phrasing of…" menu; its values are question numbers.
    UnansweredAlias,
    /// The menu of entries to add the question on its message to; values are entry ids.
    AliasTo,
}

impl ModId {
    pub fn encode(&self) -> String {
        match self {
            Self::NewEntry { id: None } => format!("{PREFIX}new"),
            Self::NewEntry { id: Some(id) } => format!("{PREFIX}new:{id}"),
            Self::NewFromUnanswered { n } => format!("{PREFIX}newq:{n}"),
            Self::Edit { version, entry_id } => format!("{PREFIX}edit:{version}:{entry_id}"),
            Self::ConfirmRemove { version, entry_id } => {
                format!("{PREFIX}rm:{version}:{entry_id}")
            }
            Self::CancelRemove => format!("{PREFIX}rmcancel"),
            Self::UnansweredNew => format!("{PREFIX}ua:new"),
            Self::UnansweredAlias => format!("{PREFIX}ua:alias"),
            Self::AliasTo => format!("{PREFIX}aliasto"),
        }
    }

    /// Whether the id fits Discord's 100 characters (a long entry id may not).
    pub fn fits(&self) -> bool {
        self.encode().chars().count() <= crate::discord::limits::CUSTOM_ID
    }

    pub fn parse(id: &str) -> Option<ModId> {
        let rest = id.strip_prefix(PREFIX)?;
        let (kind, arg) = rest.split_once(':').unwrap_or((rest, ""));
        let versioned = |arg: &str| {
            let (version, entry_id) = arg.split_once(':')?;
            let version = version.parse::<EntryVersion>().ok()?;
            (!entry_id.is_empty()).then(|| (version, entry_id.to_owned()))
        };
        match (kind, arg) {
            ("new", "") => Some(Self::NewEntry { id: None }),
            ("new", id) => Some(Self::NewEntry {
                id: Some(id.to_owned()),
            }),
            ("newq", n) => n
                .parse()
                .ok()
                .filter(|&n| n > 0)
                .map(|n| Self::NewFromUnanswered { n }),
            ("edit", arg) => {
                versioned(arg).map(|(version, entry_id)| Self::Edit { version, entry_id })
            }
            ("rm", arg) => {
                versioned(arg).map(|(version, entry_id)| Self::ConfirmRemove { version, entry_id })
            }
            ("rmcancel", "") => Some(Self::CancelRemove),
            ("ua", "new") => Some(Self::UnansweredNew),
            ("ua", "alias") => Some(Self::UnansweredAlias),
            ("aliasto", "") => Some(Self::AliasTo),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_garbage() {
        let version: EntryVersion = "0123456789abcdef".parse().unwrap();
        for id in [
            ModId::NewEntry { id: None },
            ModId::NewEntry {
                id: Some("my-entry".into()),
            },
            ModId::NewFromUnanswered { n: 3 },
            ModId::Edit {
                version: version.clone(),
                entry_id: "cost".into(),
            },
            ModId::ConfirmRemove {
                version,
                entry_id: "a-b-c".into(),
            },
            ModId::CancelRemove,
            ModId::UnansweredNew,
            ModId::UnansweredAlias,
            ModId::AliasTo,
        ] {
            assert!(id.fits());
            assert_eq!(ModId::parse(&id.encode()), Some(id));
        }
        for bad in [
            "",
            "faq:mod:",
            "faq:mod:newq:0",
            "faq:mod:newq:x",
            "faq:mod:edit:nothex:cost",
            "faq:mod:edit:0123456789abcdef:",
            "faq:mod:rm:0123456789abcdef",
            "faq:mod:ua:other",
            "faq:mod:rmcancel:x",
            "faq:fb:up:cost",
        ] {
            assert_eq!(ModId::parse(bad), None, "{bad:?}");
        }
        let long = ModId::Edit {
            version: "0123456789abcdef".parse().unwrap(),
            entry_id: "x".repeat(71),
        };
        assert!(!long.fits());
    }
}
