//! `visadesk chat`: the conversation engine in a terminal. One message per line from
//! standard input (a person at a prompt, or a script piping lines); replies are printed with
//! their buttons as numbered choices, answered by number or label. `/location LAT LON`
//! shares a location; documents are saved under `<data dir>/downloads/`.

use crate::app::App;
use std::io::IsTerminal;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use visadesk_bot::dialogue::{Inbound, InboundKind, Reply};

/// Parses one typed line; `/location 39.95 116.41` becomes a shared location.
fn inbound_kind(line: &str) -> InboundKind {
    if let Some(rest) = line.trim().strip_prefix("/location") {
        let numbers: Vec<f64> = rest
            .split([' ', ','])
            .filter_map(|n| n.trim().parse().ok())
            .collect();
        if let [latitude, longitude] = numbers[..] {
            return InboundKind::Location {
                latitude,
                longitude,
            };
        }
    }
    InboundKind::from_typed(line)
}

async fn render(
    app: &App,
    locale: &str,
    replies: &[Reply],
    out: &mut tokio::io::Stdout,
) -> std::io::Result<()> {
    let mut text = String::new();
    for reply in replies {
        text.push_str(&reply.text);
        text.push('\n');
        for (n, button) in reply.buttons.iter().enumerate() {
            text.push_str(&format!("  {}. {}\n", n + 1, button.label));
        }
        if reply.request_location {
            text.push_str(&app.texts.text(locale, "chat-location-hint", &[]));
            text.push('\n');
        }
        if let Some(place) = &reply.location {
            text.push_str(&format!(
                "  ({:.5}, {:.5})\n",
                place.latitude, place.longitude
            ));
        }
        if let Some(document) = &reply.document {
            let dir = app.settings.data_dir.join("downloads");
            tokio::fs::create_dir_all(&dir).await?;
            let path = dir.join(&document.filename);
            tokio::fs::write(&path, &document.bytes).await?;
            let saved = app.texts.text(
                locale,
                "chat-document-saved",
                &[("path", path.display().to_string().into())],
            );
            text.push_str(&saved);
            text.push('\n');
        }
        text.push('\n');
    }
    out.write_all(text.as_bytes()).await?;
    out.flush().await
}

pub async fn run(app: &App, locale: Option<&str>, user: &str) -> std::io::Result<()> {
    let interactive = std::io::stdin().is_terminal();
    let hint = locale.map(str::to_string);
    let send = |kind: InboundKind| Inbound {
        channel: "terminal".into(),
        conversation: user.to_string(),
        sender: user.to_string(),
        locale_hint: hint.clone(),
        sender_name: None,
        group: false,
        private_chat: None,
        anonymous: None,
        kind,
    };
    let locale = app.texts.negotiate(locale).to_string();
    let mut out = tokio::io::stdout();
    let replies = app
        .engine
        .handle(&send(InboundKind::Command {
            name: "start".into(),
            argument: None,
        }))
        .await;
    render(app, &locale, &replies, &mut out).await?;
    let mut lines = BufReader::new(tokio::io::stdin()).lines();
    loop {
        if interactive {
            out.write_all(b"> ").await?;
            out.flush().await?;
        }
        let Some(line) = lines.next_line().await? else {
            break;
        };
        if line.trim().is_empty() {
            continue;
        }
        if !interactive {
            out.write_all(format!("> {line}\n").as_bytes()).await?;
        }
        let replies = app.engine.handle(&send(inbound_kind(&line))).await;
        render(app, &locale, &replies, &mut out).await?;
    }
    Ok(())
}
