//! Every piece of Discord formatting: embeds, buttons, select menus, autocomplete choices,
//! Discord's length limits and the always-empty allowed mentions. Nothing else in the bot
//! builds a message; everything else decides *what* to say and calls in here.

use serenity::all::{
    AutocompleteChoice, ButtonStyle, CreateActionRow, CreateAllowedMentions, CreateAttachment,
    CreateAutocompleteResponse, CreateButton, CreateEmbed, CreateEmbedFooter,
    CreateInteractionResponse, CreateInteractionResponseMessage, CreateMessage, CreateSelectMenu,
    CreateSelectMenuKind, CreateSelectMenuOption, Message, MessageReference, ReactionType, UserId,
};

pub mod moderation;
pub mod sections;

use super::custom_id::Action;
use crate::knowledge::{Entry, Knowledge};
use crate::reply::{Match, NoMatchReason, Outcome, Reply, Urgent};

/// Discord's limits, in UTF-16 code units (how Discord counts), which is never fewer than
/// characters: counting this way can only leave room to spare.
pub mod limits {
    pub const CONTENT: usize = 2000;
    pub const EMBED_TITLE: usize = 256;
    pub const EMBED_DESCRIPTION: usize = 4096;
    pub const EMBED_TOTAL: usize = 6000;
    pub const EMBED_FIELDS: usize = 25;
    pub const FIELD_NAME: usize = 256;
    pub const FIELD_VALUE: usize = 1024;
    pub const FOOTER: usize = 2048;
    pub const ACTION_ROWS: usize = 5;
    pub const BUTTONS_PER_ROW: usize = 5;
    pub const SELECT_OPTIONS: usize = 25;
    pub const SELECT_LABEL: usize = 100;
    pub const SELECT_VALUE: usize = 100;
    pub const SELECT_DESCRIPTION: usize = 100;
    pub const BUTTON_LABEL: usize = 80;
    pub const BUTTON_URL: usize = 512;
    pub const CUSTOM_ID: usize = 100;
    pub const AUTOCOMPLETE_CHOICES: usize = 25;
    pub const AUTOCOMPLETE_NAME: usize = 100;
    pub const AUTOCOMPLETE_VALUE: usize = 100;
}

/// Embed colours.
pub mod colour {
    /// Answers and topics: a calm blue.
    pub const ANSWER: u32 = 0x2E86C1;
    /// "Did you mean…".
    pub const SUGGESTIONS: u32 = 0xF1C40F;
    /// Not in the FAQ.
    pub const NO_MATCH: u32 = 0x95A5A6;
    /// Urgent care: red, and only for that.
    pub const URGENT: u32 = 0xE02B2B;
}

/// The title of a "did you mean" embed.
pub const SUGGESTIONS_TITLE: &str = "Did you mean…";
/// The field that carries the asker's question on a "did you mean" embed, so a pick can
/// record it without the bot keeping any state.
pub const ASKED_FIELD: &str = "You asked";
/// The label of the link button under an answer.
pub const READ_SECTION_LABEL: &str = "Read the full section";

/// The length of `s` as Discord counts it.
pub fn len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// Cuts `s` to at most `max` (Discord) characters at a word boundary, ending in "…" when cut.
pub fn clamp(s: &str, max: usize) -> String {
    if len(s) <= max {
        return s.to_owned();
    }
    let budget = max.saturating_sub(1);
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.len_utf16();
        if used + w > budget {
            break;
        }
        out.push(c);
        used += w;
    }
    if let Some(space) = out.rfind(char::is_whitespace)
        && space > out.len() / 2
    {
        out.truncate(space);
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('…');
    out
}

/// Shortens a passage to at most `max` characters, cutting after the last whole sentence
/// that fits ("… [shortened]" marks the cut); falls back to a word boundary when not even
/// the first sentence fits.
pub fn shorten_passage(text: &str, max: usize) -> String {
    const MARK: &str = " …";
    if len(text) <= max {
        return text.to_owned();
    }
    let budget = max.saturating_sub(len(MARK));
    let mut best = None;
    let mut used = 0;
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        // `text[..i]` is `used` long, within budget: a cut here keeps whole sentences.
        let ends_sentence =
            matches!(prev, Some('.' | '!' | '?' | '…' | ':' | ';')) && c.is_whitespace();
        if ends_sentence || c == '\n' {
            best = Some(i);
        }
        if used + c.len_utf16() > budget {
            break;
        }
        used += c.len_utf16();
        prev = Some(c);
    }
    match best {
        Some(end) if end > 0 => format!("{}{MARK}", text[..end].trim_end()),
        _ => clamp(text, max),
    }
}

/// Quotes text as a Discord block quote, line by line.
pub fn quote(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.trim().is_empty() {
                ">".to_owned()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

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
    /// A short text-only notice (cooldown, too long, not allowed…).
    pub fn notice(text: &str) -> Rendered {
        Rendered {
            files: Vec::new(),
            content: Some(clamp(text, limits::CONTENT)),
            embeds: Vec::new(),
            components: Vec::new(),
        }
    }

    /// Adds the medical disclaimer (as a footer-only embed) to a notice a patient sees, so
    /// that every reply to a patient carries it, even "please wait".
    pub fn with_disclaimer(mut self, disclaimer: &str) -> Rendered {
        self.embeds.push(EmbedSpec {
            title: String::new(),
            description: String::new(),
            colour: colour::NO_MATCH,
            fields: Vec::new(),
            footer: disclaimer.to_owned(),
        });
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

/// What a reply's rendering depends on besides the reply itself.
#[derive(Debug, Clone)]
pub struct Audience {
    /// Who asked: only they (or a moderator) may remove the answer, or pick a suggestion in place.
    pub asker: UserId,
    /// A public message gets a 🗑 button; an ephemeral one has Discord's own "dismiss".
    pub public: bool,
    /// Section titles, listed when the FAQ has no answer.
    pub topics: Vec<String>,
}

/// Renders any reply from the engine.
pub fn reply(reply: &Reply, audience: &Audience) -> Rendered {
    let mut rendered = match &reply.outcome {
        Outcome::Answer(m) => answer(m, &reply.disclaimer, audience),
        Outcome::Suggestions(list) => {
            suggestions(&reply.question, list, &reply.disclaimer, audience)
        }
        Outcome::NoMatch { reason, message } => {
            no_match(*reason, message, &reply.disclaimer, audience)
        }
        Outcome::Urgent(u) => urgent(u, &reply.disclaimer, audience),
    };
    // The gentle support line for a passing mention of crisis, above the answer.
    if let Some(line) = &reply.support
        && rendered.content.is_none()
    {
        rendered.content = Some(clamp(line, limits::CONTENT));
    }
    rendered
}

fn answer(m: &Match, disclaimer: &str, audience: &Audience) -> Rendered {
    let mut spec = EmbedSpec {
        title: clamp(&m.question, limits::EMBED_TITLE),
        description: String::new(),
        colour: colour::ANSWER,
        fields: Vec::new(),
        footer: disclaimer.to_owned(),
    };
    if let Some(note) = &m.evidence_note {
        spec.fields.push((
            "Evidence note".to_owned(),
            clamp(note, limits::FIELD_VALUE),
            false,
        ));
    }
    if !m.section.title.is_empty() {
        spec.fields.push((
            "From the article".to_owned(),
            clamp(&m.section.title, limits::FIELD_VALUE),
            false,
        ));
    }
    spec.description = fit_quote(&m.passage, &spec);
    let mut row = Vec::new();
    if is_link(&m.section.url) {
        row.push(CreateButton::new_link(&m.section.url).label(READ_SECTION_LABEL));
    }
    row.extend(
        [true, false]
            .map(|helpful| feedback_button(helpful, &m.entry_id))
            .into_iter()
            .flatten(),
    );
    if audience.public {
        row.push(remove_button(audience.asker));
    }
    Rendered {
        files: Vec::new(),
        content: None,
        embeds: vec![spec],
        components: vec![CreateActionRow::Buttons(row)],
    }
}

/// The passage as a quote that fits the description and the embed's total, shortened at a
/// sentence boundary when it must be. The footer (disclaimer) is never what gives way.
fn fit_quote(passage: &str, spec: &EmbedSpec) -> String {
    let room = limits::EMBED_TOTAL
        .saturating_sub(spec.total_len())
        .min(limits::EMBED_DESCRIPTION);
    let mut max = room;
    loop {
        let quoted = quote(&shorten_passage(passage, max));
        if len(&quoted) <= room || max == 0 {
            return quoted;
        }
        max = max.saturating_sub((len(&quoted) - room).max(8));
    }
}

fn suggestions(question: &str, list: &[Match], disclaimer: &str, audience: &Audience) -> Rendered {
    let mut description = String::from("I'm not sure which of these you mean. Pick one below:\n");
    for (i, m) in list.iter().take(limits::SELECT_OPTIONS).enumerate() {
        description.push_str(&format!("\n{}. {}", i + 1, clamp(&m.question, 300)));
    }
    let spec = EmbedSpec {
        title: SUGGESTIONS_TITLE.to_owned(),
        description: clamp(&description, limits::EMBED_DESCRIPTION),
        colour: colour::SUGGESTIONS,
        fields: vec![(
            ASKED_FIELD.to_owned(),
            clamp(non_empty(question), limits::FIELD_VALUE),
            false,
        )],
        footer: disclaimer.to_owned(),
    };
    // A menu value is the entry id, whole (a cut-off one would pick nothing).
    let options: Vec<CreateSelectMenuOption> = list
        .iter()
        .take(limits::SELECT_OPTIONS)
        .filter(|m| len(&m.entry_id) <= limits::SELECT_VALUE)
        .map(|m| {
            let mut option = CreateSelectMenuOption::new(
                clamp(&m.question, limits::SELECT_LABEL),
                m.entry_id.clone(),
            );
            if !m.section.title.is_empty() {
                option = option.description(clamp(
                    &format!("From: {}", m.section.title),
                    limits::SELECT_DESCRIPTION,
                ));
            }
            option
        })
        .collect();
    let mut components = Vec::new();
    if !options.is_empty() {
        let menu = CreateSelectMenu::new(
            Action::Pick {
                asker: audience.asker,
            }
            .encode(),
            CreateSelectMenuKind::String { options },
        )
        .placeholder("Choose the question you meant");
        components.push(CreateActionRow::SelectMenu(menu));
    }
    if audience.public {
        components.push(CreateActionRow::Buttons(vec![remove_button(
            audience.asker,
        )]));
    }
    Rendered {
        files: Vec::new(),
        content: None,
        embeds: vec![fit(spec)],
        components,
    }
}

fn no_match(
    reason: NoMatchReason,
    message: &str,
    disclaimer: &str,
    audience: &Audience,
) -> Rendered {
    let title = match reason {
        NoMatchReason::OutOfScope => "That's not in the FAQ",
        NoMatchReason::PersonalAdvice => "I can't give personal medical advice",
        NoMatchReason::Empty => "Ask me a question",
        NoMatchReason::WarningSigns => "Warning signs with back pain",
    };
    let mut description = message.to_owned();
    if !audience.topics.is_empty() {
        description.push_str("\n\n**What I can help with:**");
        for topic in &audience.topics {
            description.push_str(&format!("\n• {topic}"));
        }
        description.push_str(
            "\n\nUse `/faq topics` to see them, or `/ask` with a question about one of them.",
        );
    }
    let spec = EmbedSpec {
        title: title.to_owned(),
        description: clamp(&description, limits::EMBED_DESCRIPTION),
        colour: colour::NO_MATCH,
        fields: Vec::new(),
        footer: disclaimer.to_owned(),
    };
    Rendered {
        files: Vec::new(),
        content: None,
        embeds: vec![fit(spec)],
        components: remove_row(audience),
    }
}

fn urgent(u: &Urgent, disclaimer: &str, audience: &Audience) -> Rendered {
    let title = if u.title.trim().is_empty() {
        "Please get medical help now"
    } else {
        u.title.as_str()
    };
    let spec = EmbedSpec {
        title: format!("🚨 {}", clamp(title, limits::EMBED_TITLE - 3)),
        description: clamp(&care_card(u), limits::EMBED_DESCRIPTION),
        colour: colour::URGENT,
        fields: Vec::new(),
        footer: disclaimer.to_owned(),
    };
    Rendered {
        files: Vec::new(),
        content: None,
        embeds: vec![fit(spec)],
        components: remove_row(audience),
    }
}

/// The care card as embed markdown: each step in bold with its bullets (web links as
/// links; Discord cannot dial a `tel:`), then "You mentioned …", then the closing note.
fn care_card(u: &Urgent) -> String {
    if u.steps.is_empty() {
        return u.message.clone();
    }
    let mut out = String::new();
    for step in &u.steps {
        out.push_str(&format!("**{}**\n", step.heading.trim()));
        for bullet in &step.bullets {
            out.push_str(&format!("• {}\n", bullet.trim()));
        }
        let links: Vec<String> = step
            .contacts
            .iter()
            .filter(|c| is_link(&c.href))
            .map(|c| format!("[{}]({})", c.label, c.href))
            .collect();
        if !links.is_empty() {
            out.push_str(&format!("{}\n", links.join(" · ")));
        }
        out.push('\n');
    }
    if let Some(said) = u.mentioned_sentence() {
        out.push_str(&said);
        out.push_str("\n\n");
    }
    out.push_str(u.note.trim());
    out.trim().to_owned()
}

/// `/faq topics`: the article's sections with how many questions each answers.
pub fn topics(
    knowledge: &Knowledge,
    section_url: impl Fn(&crate::knowledge::Section) -> String,
    disclaimer: &str,
) -> Rendered {
    let sections = &knowledge.article.sections;
    let mut fields = Vec::new();
    for s in sections.iter().take(limits::EMBED_FIELDS) {
        let entries: Vec<&Entry> = knowledge.faq.iter().filter(|e| e.section == s.id).collect();
        let mut value = format!(
            "{} question{}",
            entries.len(),
            if entries.len() == 1 { "" } else { "s" }
        );
        for e in entries.iter().take(3) {
            value.push_str(&format!("\n• {}", clamp(&e.question, 200)));
        }
        let url = section_url(s);
        if is_link(&url) {
            value.push_str(&format!("\n[Read the section]({url})"));
        }
        fields.push((
            clamp(&s.title, limits::FIELD_NAME),
            clamp(&value, limits::FIELD_VALUE),
            false,
        ));
    }
    let intro = clamp(
        &format!(
            "I answer questions from the article \u{201c}{}\u{201d}. Ask with `/ask`, or look up a question with `/faq show`.",
            knowledge.article.title
        ),
        3000,
    );
    let mut spec = EmbedSpec {
        title: "What I can answer".to_owned(),
        description: intro.clone(),
        colour: colour::ANSWER,
        fields,
        footer: disclaimer.to_owned(),
    };
    // Within the 6000 in all: drop trailing sections, and say how many are not listed.
    loop {
        let left_out = sections.len() - spec.fields.len();
        spec.description = if left_out == 0 {
            intro.clone()
        } else {
            format!("{intro}\n\n…and {left_out} more sections: `/section` lists them all.")
        };
        if spec.total_len() <= limits::EMBED_TOTAL || spec.fields.len() <= 1 {
            break;
        }
        spec.fields.pop();
    }
    Rendered {
        files: Vec::new(),
        content: None,
        embeds: vec![fit(spec)],
        components: Vec::new(),
    }
}

/// Autocomplete for `/ask`: FAQ questions; choosing one submits its text.
pub fn question_choices<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
) -> CreateAutocompleteResponse {
    let choices = entries
        .into_iter()
        .take(limits::AUTOCOMPLETE_CHOICES)
        .map(|e| {
            AutocompleteChoice::new(
                clamp(&e.question, limits::AUTOCOMPLETE_NAME),
                clamp(&e.question, limits::AUTOCOMPLETE_VALUE),
            )
        })
        .collect();
    CreateAutocompleteResponse::new().set_choices(choices)
}

/// Autocomplete for `/faq show`: FAQ questions; choosing one submits the entry id.
pub fn entry_choices<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
) -> CreateAutocompleteResponse {
    let choices = entries
        .into_iter()
        .filter(|e| len(&e.id) <= limits::AUTOCOMPLETE_VALUE)
        .take(limits::AUTOCOMPLETE_CHOICES)
        .map(|e| {
            AutocompleteChoice::new(clamp(&e.question, limits::AUTOCOMPLETE_NAME), e.id.clone())
        })
        .collect();
    CreateAutocompleteResponse::new().set_choices(choices)
}

/// Notices, kept together so their wording is in one place.
pub mod notices {
    use super::Rendered;

    pub fn too_long(chars: usize, max: usize) -> Rendered {
        Rendered::notice(&format!(
            "Sorry, that question is too long for me ({chars} characters; the limit is {max}). \
             Please ask it in fewer words, one question at a time."
        ))
    }

    pub fn cooldown(seconds: u64) -> Rendered {
        let unit = if seconds == 1 { "second" } else { "seconds" };
        Rendered::notice(&format!(
            "You're asking a little quickly. Please wait {seconds} {unit} before your next question."
        ))
    }

    pub fn unknown_entry() -> Rendered {
        Rendered::notice(
            "I couldn't find that FAQ entry. Try `/faq topics` to see what I can answer.",
        )
    }

    pub fn feedback_thanks(helpful: bool) -> Rendered {
        Rendered::notice(if helpful {
            "Thanks for letting us know this helped."
        } else {
            "Thanks for letting us know. Your feedback helps the moderators improve the FAQ."
        })
    }

    pub fn not_allowed_to_remove() -> Rendered {
        Rendered::notice("Only the person who asked, or a moderator, can remove this answer.")
    }

    pub fn failed() -> Rendered {
        Rendered::notice("Sorry, something went wrong on my side. Please try again in a moment.")
    }
}

/// 👍 or 👎 for `entry_id`; none when the id is too long to ride whole in a custom id (the
/// vote would be counted for a cut-off id).
fn feedback_button(helpful: bool, entry_id: &str) -> Option<CreateButton> {
    let action = Action::Feedback {
        helpful,
        entry_id: entry_id.to_owned(),
    };
    let custom_id = action.encode();
    if Action::parse(&custom_id).as_ref() != Some(&action) {
        return None;
    }
    let (emoji, label) = if helpful {
        ("👍", "Helpful")
    } else {
        ("👎", "Not helpful")
    };
    Some(
        CreateButton::new(custom_id)
            .style(ButtonStyle::Secondary)
            .emoji(ReactionType::Unicode(emoji.into()))
            .label(label),
    )
}

fn remove_button(asker: UserId) -> CreateButton {
    CreateButton::new(Action::Remove { asker }.encode())
        .style(ButtonStyle::Secondary)
        .emoji(ReactionType::Unicode("🗑".into()))
        .label("Remove")
}

fn remove_row(audience: &Audience) -> Vec<CreateActionRow> {
    if audience.public {
        vec![CreateActionRow::Buttons(vec![remove_button(
            audience.asker,
        )])]
    } else {
        Vec::new()
    }
}

/// Trims the description (never the footer) until the embed fits.
fn fit(mut spec: EmbedSpec) -> EmbedSpec {
    let over = spec.total_len().saturating_sub(limits::EMBED_TOTAL);
    if over > 0 {
        let keep = len(&spec.description).saturating_sub(over);
        spec.description = clamp(&spec.description, keep);
    }
    spec
}

/// Whether `url` can be a link button: an absolute http(s) URL within Discord's 512.
fn is_link(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://")) && len(url) <= limits::BUTTON_URL
}

fn non_empty(s: &str) -> &str {
    if s.trim().is_empty() { "(empty)" } else { s }
}
