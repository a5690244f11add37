//! `visadesk chat`: the conversation in a terminal. Reads one message per line from
//! standard input (a person at a prompt, or a script piping lines) and prints the replies.
//! Until the dialogue engine lands it greets, in the chosen language.

use crate::app::App;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

pub async fn run(app: &App, locale: Option<&str>, _user: &str) -> std::io::Result<()> {
    let locale = app.texts.negotiate(locale).to_string();
    let greeting = format!(
        "{}\n{}\n",
        app.texts.text(&locale, "greeting", &[]),
        app.texts.text(&locale, "greeting-coming-soon", &[])
    );
    let mut out = tokio::io::stdout();
    out.write_all(greeting.as_bytes()).await?;
    out.flush().await?;
    let mut lines = BufReader::new(tokio::io::stdin()).lines();
    while let Some(line) = lines.next_line().await? {
        if line.trim().is_empty() {
            continue;
        }
        out.write_all(greeting.as_bytes()).await?;
        out.flush().await?;
    }
    Ok(())
}
