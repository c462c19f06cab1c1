//! patient-faq-bot
