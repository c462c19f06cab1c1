//! One Discord message as plain data ([`Rendered`], its embeds as [`EmbedSpec`]s, sizes
//! checked before anything is built) and its conversions to what serenity and poise send:
//! an interaction response, an update, a poise reply or a channel message. Every one of
//! them allows no mentions.

use serenity::all::{
    CreateActionRow, CreateAllowedMentions, CreateAttachment, CreateEmbed, CreateEmbedFooter,
    CreateInteractionResponse, CreateInteractionResponseMessage, CreateMessage, Message,
    MessageReference,
};

use super::colour;
use super::text::{clamp, len};
use crate::discord::limits;

/// No pings at all: no @everyone, no roles, no users, not even the person replied to.
pub fn allowed_mentions() -> CreateAllowedMentions {
    CreateAllowedMentions::new().replied_user(false)
}

/// An embed as plain strings, so its size can be checked before it is built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedSpec {
    pub title: String,
    pub description: String,
    pub colour: u32,
    /// (name, value, inline).
    pub fields: Vec<(String, String, bool)>,
    /// The disclaimer. Never shortened: everything else gives way to it.
    pub footer: String,
}

impl EmbedSpec {
    /// The size Discord checks against its 6000-character embed limit.
    pub fn total_len(&self) -> usize {
        len(&self.title)
            + len(&self.description)
            + self
                .fields
                .iter()
                .map(|(n, v, _)| len(n) + len(v))
                .sum::<usize>()
            + len(&self.footer)
    }

    /// Whether every part is within Discord's limits.
    pub fn fits(&self) -> bool {
        len(&self.title) <= limits::EMBED_TITLE
            && len(&self.description) <= limits::EMBED_DESCRIPTION
            && self.fields.len() <= limits::EMBED_FIELDS
            && self.fields.iter().all(|(n, v, _)| {
                len(n) <= limits::FIELD_NAME && len(v) <= limits::FIELD_VALUE && !v.is_empty()
            })
            && len(&self.footer) <= limits::FOOTER
            && self.total_len() <= limits::EMBED_TOTAL
    }

    /// Trims the description (never the footer) until the embed fits Discord's total.
    pub fn fit_description(mut self) -> EmbedSpec {
        let over = self.total_len().saturating_sub(limits::EMBED_TOTAL);
        if over > 0 {
            let keep = len(&self.description).saturating_sub(over);
            self.description = clamp(&self.description, keep);
        }
        self
    }

    /// Drops trailing fields (never the first) until the embed fits Discord's total.
    pub fn fit_fields(mut self) -> EmbedSpec {
        while self.total_len() > limits::EMBED_TOTAL && self.fields.len() > 1 {
            self.fields.pop();
        }
        self
    }

    pub fn build(&self) -> CreateEmbed {
        let mut embed = CreateEmbed::new().colour(self.colour);
        if !self.title.is_empty() {
            embed = embed.title(&self.title);
        }
        if !self.description.is_empty() {
            embed = embed.description(&self.description);
        }
        for (name, value, inline) in &self.fields {
            embed = embed.field(name, value, *inline);
        }
        if !self.footer.is_empty() {
            embed = embed.footer(CreateEmbedFooter::new(&self.footer));
        }
        embed
    }
}

/// One message, ready to be sent as an interaction response, an update or a channel message.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub content: Option<String>,
    pub embeds: Vec<EmbedSpec>,
    pub components: Vec<CreateActionRow>,
    /// Files attached to the message (an export, a refused submission too long to show).
    pub files: Vec<CreateAttachment>,
}

impl Rendered {
    /// A message of embeds and components, with no text content and no files.
    pub fn new(embeds: Vec<EmbedSpec>, components: Vec<CreateActionRow>) -> Rendered {
        Rendered {
            content: None,
            embeds,
            components,
            files: Vec::new(),
        }
    }

    /// A short text-only notice (cooldown, too long, not allowed…).
    pub fn notice(text: &str) -> Rendered {
        Rendered {
            content: Some(clamp(text, limits::CONTENT)),
            ..Rendered::new(Vec::new(), Vec::new())
        }
    }

    /// The message with `file` attached.
    pub fn with_file(mut self, file: CreateAttachment) -> Rendered {
        self.files.push(file);
        self
    }

    /// Adds the medical disclaimer to a notice a patient sees, so that every reply to a
    /// patient carries it, even "please wait". A text notice becomes one compact embed: the
    /// notice as its description, the disclaimer as its footer (not a line of text over an
    /// embed holding only the disclaimer).
    pub fn with_disclaimer(mut self, disclaimer: &str) -> Rendered {
        if self.embeds.is_empty()
            && let Some(text) = self.content.take()
        {
            self.embeds.push(
                EmbedSpec {
                    title: String::new(),
                    description: clamp(&text, limits::EMBED_DESCRIPTION),
                    colour: colour::NO_MATCH,
                    fields: Vec::new(),
                    footer: disclaimer.to_owned(),
                }
                .fit_description(),
            );
            return self;
        }
        match self.embeds.last_mut() {
            Some(last)
                if last.footer.is_empty()
                    && last.total_len() + len(disclaimer) <= limits::EMBED_TOTAL =>
            {
                last.footer = disclaimer.to_owned();
            }
            _ => self.embeds.push(EmbedSpec {
                title: String::new(),
                description: String::new(),
                colour: colour::NO_MATCH,
                fields: Vec::new(),
                footer: disclaimer.to_owned(),
            }),
        }
        self
    }

    fn embeds(&self) -> Vec<CreateEmbed> {
        self.embeds.iter().map(EmbedSpec::build).collect()
    }

    /// As the first response to an interaction.
    pub fn to_interaction_message(&self, ephemeral: bool) -> CreateInteractionResponseMessage {
        let mut msg = CreateInteractionResponseMessage::new()
            .embeds(self.embeds())
            .components(self.components.clone())
            .allowed_mentions(allowed_mentions())
            .ephemeral(ephemeral);
        if let Some(content) = &self.content {
            msg = msg.content(content);
        }
        if !self.files.is_empty() {
            msg = msg.add_files(self.files.clone());
        }
        msg
    }

    pub fn to_interaction_response(&self, ephemeral: bool) -> CreateInteractionResponse {
        CreateInteractionResponse::Message(self.to_interaction_message(ephemeral))
    }

    /// Replacing the message a component sits on (a picked suggestion).
    pub fn to_update_response(&self) -> CreateInteractionResponse {
        let mut msg = CreateInteractionResponseMessage::new()
            .embeds(self.embeds())
            .components(self.components.clone())
            .allowed_mentions(allowed_mentions());
        msg = msg.content(self.content.clone().unwrap_or_default());
        if !self.files.is_empty() {
            msg = msg.add_files(self.files.clone());
        }
        CreateInteractionResponse::UpdateMessage(msg)
    }

    /// As a slash command reply through poise.
    pub fn to_poise_reply(&self, ephemeral: bool) -> poise::CreateReply {
        let mut reply = poise::CreateReply::default()
            .components(self.components.clone())
            .allowed_mentions(allowed_mentions())
            .ephemeral(ephemeral);
        for embed in self.embeds() {
            reply = reply.embed(embed);
        }
        if let Some(content) = &self.content {
            reply = reply.content(content);
        }
        for file in &self.files {
            reply = reply.attachment(file.clone());
        }
        reply
    }

    /// As a channel message, replying to `reply_to` when given (without failing if that
    /// message is gone by then).
    pub fn to_channel_message(&self, reply_to: Option<&Message>) -> CreateMessage {
        let mut msg = CreateMessage::new()
            .embeds(self.embeds())
            .components(self.components.clone())
            .allowed_mentions(allowed_mentions());
        if let Some(content) = &self.content {
            msg = msg.content(content);
        }
        if !self.files.is_empty() {
            msg = msg.add_files(self.files.clone());
        }
        if let Some(original) = reply_to {
            let mut reference = MessageReference::from(original);
            reference.fail_if_not_exists = Some(false);
            msg = msg.reference_message(reference);
        }
        msg
    }
}
