//! Channel adapters: each turns its platform's messages into `Inbound`s for the engine and
//! renders the engine's `Reply`s with the platform's own controls. The web chat is the
//! embedded default; Telegram, WeChat, WhatsApp and the generic webhook plug in here.

pub mod files;
pub mod generic;
pub mod telegram;
pub mod webchat;
pub mod wechat;
pub mod whatsapp;
