//! `visadesk`: see `visadesk --help`. Errors end the process with one line and an exit code
//! (2: configuration or a dependency at start-up, 1: the command failed), never a panic.

use clap::Parser;
use std::process::ExitCode;
use visadesk_gateway::cli::{self, Cli, Command};
use visadesk_gateway::config::{LogFormat, Settings};
use visadesk_gateway::logging;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The log format is a setting too; a bad one is reported by `run` like any other.
    let format = Settings::load(cli.config.as_deref())
        .map(|s| s.log_format)
        .unwrap_or(LogFormat::Text);
    let level = match cli.command {
        Command::Chat { .. } | Command::Import { .. } | Command::Token { .. } => "warn",
        _ => "info",
    };
    logging::init(format, level);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(cli::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
