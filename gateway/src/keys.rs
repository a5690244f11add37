//! `visadesk keys generate|rotate|remove-retired`: the data keys that seal personal columns
//! (`visadesk_bot::store::data_keys`). Rotating adds a new active key to the key file, keeps
//! the old one (retired) so what it sealed still opens, and re-seals every personal value
//! with the new key in batches; once every process runs with the new file, `remove-retired`
//! re-seals anything an old process wrote meanwhile, checks that no value is sealed with a
//! retired key and drops the retired keys from the file. Both are audited.

use crate::app::{self, App, Preparation, Purpose};
use crate::cli::{CliError, KeysCommand};
use crate::config::Settings;
use visadesk_bot::store::DataKeys;

/// Values re-sealed per write transaction.
const BATCH: i64 = 500;

pub async fn run(settings: Settings, action: KeysCommand) -> Result<(), CliError> {
    match action {
        KeysCommand::Generate => {
            print!("{}", DataKeys::generate().to_text());
            Ok(())
        }
        KeysCommand::Rotate => rotate(settings).await,
        KeysCommand::RemoveRetired => remove_retired(settings).await,
    }
}

/// The keys of the key file, which these commands rewrite; keys given in the environment
/// are rotated by hand (docs/operations.md).
fn file_keys(settings: &Settings) -> Result<DataKeys, CliError> {
    if settings.data_keys.is_some() {
        return Err(CliError::Failed(
            "the data keys come from VISADESK_DATA_KEYS: rotate them in a key file \
             (VISADESK_DATA_KEY_FILE) and put its new text in the environment (see \
             docs/operations.md)"
                .into(),
        ));
    }
    Ok(app::data_keys(settings)?)
}

async fn rotate(settings: Settings) -> Result<(), CliError> {
    let rotated = file_keys(&settings)?.rotated();
    rotated
        .save(&settings.data_key_file)
        .map_err(|e| CliError::Failed(e.to_string()))?;
    let app = App::connect(settings, Purpose::Administration).await?;
    app.prepare(Preparation::MIGRATED).await?;
    let sealed = reseal(&app).await?;
    audit(&app, "data_keys.rotate", rotated.active_id()).await?;
    println!(
        "key {} is active; {sealed} values re-sealed; retired: {}. Restart every process with \
         this key file, then run `visadesk keys remove-retired`.",
        rotated.active_id(),
        rotated.retired_ids().join(", ")
    );
    Ok(())
}

async fn remove_retired(settings: Settings) -> Result<(), CliError> {
    let keys = file_keys(&settings)?;
    let retired: Vec<String> = keys.retired_ids().iter().map(|k| k.to_string()).collect();
    if retired.is_empty() {
        println!("no retired keys");
        return Ok(());
    }
    let file = settings.data_key_file.clone();
    let app = App::connect(settings, Purpose::Administration).await?;
    app.prepare(Preparation::MIGRATED).await?;
    // What a process still on the old file wrote meanwhile is sealed with the new key first.
    reseal(&app).await?;
    for id in &retired {
        let left = app
            .repo
            .sealed_with(id)
            .await
            .map_err(|e| CliError::Failed(format!("database: {e}")))?;
        if left > 0 {
            return Err(CliError::Failed(format!(
                "{left} values are still sealed with key {id}; nothing was removed"
            )));
        }
    }
    keys.without_retired()
        .save(&file)
        .map_err(|e| CliError::Failed(e.to_string()))?;
    audit(&app, "data_keys.remove_retired", &retired.join(",")).await?;
    println!("removed retired keys: {}", retired.join(", "));
    Ok(())
}

/// Seals every value not sealed with the active key.
async fn reseal(app: &App) -> Result<u64, CliError> {
    app.repo
        .seal_personal_data(BATCH)
        .await
        .map_err(|e| CliError::Failed(format!("database: {e}")))
}

async fn audit(app: &App, action: &'static str, keys: &str) -> Result<(), CliError> {
    app.audit_operator(action, format!("data-keys:{keys}"), "ok")
        .await
        .map_err(|e| CliError::Failed(format!("database: {e}")))
}
