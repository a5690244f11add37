//! `visadesk token create|list|revoke`: the back-office API's bearer tokens. A secret is
//! printed once at creation and only its SHA-256 is stored; creation and revocation are
//! audited.

use crate::app::App;
use crate::cli::{CliError, TokenCommand};
use rand::Rng;
use visadesk_bot::store::backoffice::{SCOPES, hash_api_token};

/// A new secret: `vdk_` and 64 hex digits (256 random bits).
pub fn new_secret() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    format!("vdk_{}", hex::encode(bytes))
}

/// Checks a token's name, scopes and offices before it is stored.
pub fn validate(
    name: &str,
    scopes: &[String],
    offices: Option<&[String]>,
    known_offices: &[String],
) -> Result<(), String> {
    if name.is_empty()
        || name.len() > 64
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
    {
        return Err("--name must be 1 to 64 letters, digits, '-', '_' or '.'".into());
    }
    if scopes.is_empty() {
        return Err(format!(
            "--scopes needs at least one of {}",
            SCOPES.join(", ")
        ));
    }
    if let Some(unknown) = scopes.iter().find(|s| !SCOPES.contains(&s.as_str())) {
        return Err(format!(
            "unknown scope '{unknown}'; known: {}",
            SCOPES.join(", ")
        ));
    }
    if let Some(offices) = offices {
        if offices.is_empty() {
            return Err("--offices needs at least one office id".into());
        }
        if let Some(unknown) = offices.iter().find(|o| !known_offices.contains(o)) {
            return Err(format!("unknown office '{unknown}'"));
        }
    }
    Ok(())
}

pub async fn run(app: &App, action: TokenCommand) -> Result<(), CliError> {
    let failed = |e: visadesk_bot::store::StoreError| CliError::Failed(format!("database: {e}"));
    let now = app.clock.now();
    match action {
        TokenCommand::Create {
            name,
            scopes,
            offices,
        } => {
            let scopes: Vec<String> = scopes.iter().map(|s| s.trim().to_string()).collect();
            let offices: Option<Vec<String>> =
                offices.map(|o| o.iter().map(|s| s.trim().to_string()).collect());
            let known: Vec<String> = app
                .repo
                .offices()
                .await
                .map_err(failed)?
                .into_iter()
                .map(|o| o.id.as_str().to_string())
                .collect();
            validate(&name, &scopes, offices.as_deref(), &known).map_err(CliError::Failed)?;
            let secret = new_secret();
            let created = app
                .backoffice
                .create_token(
                    &name,
                    &hash_api_token(&secret),
                    &scopes,
                    offices.as_deref(),
                    now,
                )
                .await
                .map_err(failed)?;
            if !created {
                return Err(CliError::Failed(format!(
                    "a token named '{name}' exists; revoke it or choose another name"
                )));
            }
            audit(app, "token-create", &name, "created").await?;
            println!(
                "token '{name}' created (scopes: {}; offices: {}). Its secret, shown only now:",
                scopes.join(","),
                offices.map_or("all".into(), |o| o.join(","))
            );
            println!("{secret}");
            Ok(())
        }
        TokenCommand::List => {
            // Listing only reads: on a database that was never migrated there is nothing to list.
            let tokens = app.backoffice.tokens().await.map_err(|e| {
                CliError::Failed(format!(
                    "cannot read the tokens (database: {e}); a new database needs `visadesk migrate` first"
                ))
            })?;
            if tokens.is_empty() {
                println!("no tokens");
            }
            for t in tokens {
                println!(
                    "{}\tscopes={}\toffices={}\tcreated={}\t{}",
                    t.name,
                    t.scopes.join(","),
                    t.offices.map_or("all".into(), |o| o.join(",")),
                    t.created_at.format("%Y-%m-%dT%H:%M:%SZ"),
                    t.revoked_at.map_or("active".into(), |r| format!(
                        "revoked={}",
                        r.format("%Y-%m-%dT%H:%M:%SZ")
                    ))
                );
            }
            Ok(())
        }
        TokenCommand::Revoke { name } => {
            if !app
                .backoffice
                .revoke_token(&name, now)
                .await
                .map_err(failed)?
            {
                return Err(CliError::Failed(format!("no active token named '{name}'")));
            }
            audit(app, "token-revoke", &name, "revoked").await?;
            println!("token '{name}' revoked");
            Ok(())
        }
    }
}

async fn audit(
    app: &App,
    action: &'static str,
    name: &str,
    outcome: &'static str,
) -> Result<(), CliError> {
    app.audit_operator(action, format!("token:{name}"), outcome)
        .await
        .map_err(|e| CliError::Failed(format!("database: {e}")))
}
