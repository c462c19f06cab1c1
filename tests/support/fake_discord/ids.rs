//! Fixed ids and the token of the fake Discord's world: one application and bot, one
//! guild with three channels, three people (one a moderator) and a DM channel.

/// The bot token the fake accepts (`Bot <TOKEN>` on REST, `token` in IDENTIFY).
pub const TOKEN: &str = "fake-discord-token.MTIzNDU2Nzg5.for-tests-only";
pub const APP_ID: u64 = 900_000_000_000_000_001;
pub const BOT_ID: u64 = 900_000_000_000_000_002;
pub const BOT_NAME: &str = "FAQ Bot";
pub const GUILD_ID: u64 = 800_000_000_000_000_001;
/// Where people use slash commands.
pub const CHANNEL: u64 = 700_000_000_000_000_001;
/// A channel the tests configure as a free-text channel.
pub const FREE_TEXT_CHANNEL: u64 = 700_000_000_000_000_002;
/// A channel where the bot must stay silent unless mentioned.
pub const QUIET_CHANNEL: u64 = 700_000_000_000_000_003;
/// Alice's DM channel with the bot.
pub const DM_CHANNEL: u64 = 700_000_000_000_000_009;
pub const MOD_ROLE: u64 = 500_000_000_000_000_001;
pub const OTHER_ROLE: u64 = 500_000_000_000_000_002;
pub const ALICE: u64 = 600_000_000_000_000_001;
pub const BOB: u64 = 600_000_000_000_000_002;
pub const MODERATOR: u64 = 600_000_000_000_000_003;
/// The id of the commands the fake pretends Discord registered.
pub const COMMAND_ID: u64 = 400_000_000_000_000_001;
