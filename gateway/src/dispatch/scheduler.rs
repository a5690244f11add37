//! The scheduler: fires the reminder jobs of `visadesk_bot::notify::schedule`, the purge
//! of idle anonymous web chat users and the retention job that deletes rows past their
//! period (both `visadesk_bot::retention`) on their cron expressions (UTC), once per tick
//! across every `serve` process.
//!
//! Each check takes the job's database lease (`scheduler_jobs`); the holder compares the
//! latest due tick with the last completed one, runs the job if it is newer and records it.
//! A process that was down finds the tick it missed and runs it when it is back; a process
//! that dies holding a lease loses it when the lease runs out.

use crate::app::App;
use chrono::{DateTime, Duration as TimeDelta, Utc};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use visadesk_bot::clock::SharedClock;
use visadesk_bot::notify::schedule::{Job, Schedule, due_tick, parse_cron, run_job};
use visadesk_bot::retention::{RetentionPolicy, purge_expired, purge_idle_web_users};
use visadesk_bot::store::backoffice::BackofficeStore;
use visadesk_bot::store::{IdentityStore, RetentionStore, SessionStore, StoreError};

/// How often the scheduler looks for due ticks (cron's resolution is one second).
const CHECK_EVERY: Duration = Duration::from_secs(1);
/// How long a job's lease holds; a job takes far less.
const LEASE: TimeDelta = TimeDelta::minutes(5);

/// The lease name of the purge of idle web chat users.
const PURGE: &str = "idle-web-users";
/// The lease name of the retention job.
const RETENTION: &str = "retention";

/// A job's cron expression does not parse; the scheduler does not start (settings check the
/// expressions first, so this is a caller's own list gone wrong).
#[derive(Debug, thiserror::Error)]
#[error("{job}: {reason}")]
pub struct InvalidSchedule {
    /// The job's lease name (`Job::name`, `idle-web-users` or `retention`).
    pub job: &'static str,
    pub reason: String,
}

pub struct Scheduler {
    store: Arc<dyn BackofficeStore>,
    jobs: Vec<(Job, Schedule)>,
    /// The purge of idle anonymous web chat users, when the scheduler runs it (`from_app`).
    purge: Option<IdlePurge>,
    /// The deletion of rows past their retention period, when the scheduler runs it.
    retention: Option<Retention>,
    holder: String,
    /// What "due" is measured against.
    clock: SharedClock,
}

/// What purging idle web chat users needs: when, who they are, their sessions, how idle.
struct IdlePurge {
    schedule: Schedule,
    users: Arc<dyn IdentityStore>,
    sessions: Arc<dyn SessionStore>,
    idle: TimeDelta,
}

/// What the retention job needs: when, where, how long each kind is kept.
struct Retention {
    schedule: Schedule,
    store: Arc<dyn RetentionStore>,
    policy: RetentionPolicy,
}

impl Scheduler {
    pub fn new(
        store: Arc<dyn BackofficeStore>,
        expressions: &[(Job, &str)],
    ) -> Result<Scheduler, InvalidSchedule> {
        let jobs = expressions
            .iter()
            .map(|(job, expression)| {
                parse_cron(expression)
                    .map(|s| (*job, s))
                    .map_err(|reason| InvalidSchedule {
                        job: job.name(),
                        reason,
                    })
            })
            .collect::<Result<_, _>>()?;
        Ok(Scheduler {
            store,
            jobs,
            purge: None,
            retention: None,
            holder: format!(
                "scheduler-{}-{}",
                std::process::id(),
                uuid::Uuid::new_v4().simple()
            ),
            clock: visadesk_bot::clock::system(),
        })
    }

    /// Reads the time from `clock` instead of the wall clock.
    pub fn with_clock(mut self, clock: SharedClock) -> Scheduler {
        self.clock = clock;
        self
    }

    /// Also purges idle anonymous web chat users of `users` (idle `idle`) and their sessions
    /// on `expression`.
    pub fn with_purge(
        mut self,
        expression: &str,
        users: Arc<dyn IdentityStore>,
        sessions: Arc<dyn SessionStore>,
        idle: TimeDelta,
    ) -> Result<Scheduler, InvalidSchedule> {
        let schedule =
            parse_cron(expression).map_err(|reason| InvalidSchedule { job: PURGE, reason })?;
        self.purge = Some(IdlePurge {
            schedule,
            users,
            sessions,
            idle,
        });
        Ok(self)
    }

    /// Also deletes the rows of `store` past their period of `policy` on `expression`.
    pub fn with_retention(
        mut self,
        expression: &str,
        store: Arc<dyn RetentionStore>,
        policy: RetentionPolicy,
    ) -> Result<Scheduler, InvalidSchedule> {
        let schedule = parse_cron(expression).map_err(|reason| InvalidSchedule {
            job: RETENTION,
            reason,
        })?;
        self.retention = Some(Retention {
            schedule,
            store,
            policy,
        });
        Ok(self)
    }

    pub fn from_app(app: &App) -> Result<Scheduler, InvalidSchedule> {
        let n = &app.settings.notifications;
        let idle = TimeDelta::days(app.settings.web_idle_days as i64);
        Scheduler::new(
            app.backoffice.clone(),
            &[
                (
                    Job::AppointmentReminders,
                    n.cron_appointment_reminders.as_str(),
                ),
                (Job::PermitExpiry, n.cron_permit_expiry.as_str()),
                (Job::PickupReminders, n.cron_pickup_reminders.as_str()),
            ],
        )
        .map(|scheduler| scheduler.with_clock(app.clock.clone()))?
        .with_purge(
            &n.cron_idle_web_users,
            app.repo.clone(),
            app.sessions.clone(),
            idle,
        )?
        .with_retention(&n.cron_retention, app.repo.clone(), app.settings.retention)
    }

    pub async fn run(self, shutdown: impl Future<Output = ()> + Send) {
        tokio::pin!(shutdown);
        loop {
            if let Err(e) = self.run_due(self.clock.now()).await {
                tracing::error!(error = %e, "scheduler check failed");
            }
            tokio::select! {
                () = &mut shutdown => break,
                () = tokio::time::sleep(CHECK_EVERY) => {}
            }
        }
        tracing::info!("scheduler stopped");
    }

    /// Runs every job whose tick is due and not yet run by any process; returns the notice
    /// jobs run with their tick and the number of new outbox rows (the purge only logs).
    pub async fn run_due(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Vec<(Job, DateTime<Utc>, u64)>, StoreError> {
        let mut ran = Vec::new();
        for (job, schedule) in &self.jobs {
            let run = |tick| run_job(*job, self.store.as_ref(), tick);
            if let Some((tick, planned)) = self.leased(job.name(), schedule, now, run).await? {
                tracing::info!(job = job.name(), %tick, planned, "scheduled job ran");
                ran.push((*job, tick, planned));
            }
        }
        if let Some(purge) = &self.purge {
            // Idle is measured from now, not from the tick: a caught-up tick purges no more.
            let run = |_tick| {
                purge_idle_web_users(
                    purge.users.as_ref(),
                    purge.sessions.as_ref(),
                    purge.idle,
                    now,
                )
            };
            if let Some((tick, purged)) = self.leased(PURGE, &purge.schedule, now, run).await? {
                tracing::info!(job = PURGE, %tick, purged, "idle web chat users purged");
            }
        }
        if let Some(retention) = &self.retention {
            // Periods are measured from now, like idleness above.
            let run = |_tick| async {
                let report =
                    purge_expired(retention.store.as_ref(), &retention.policy, now).await?;
                for (kind, purged) in &report {
                    tracing::info!(
                        job = RETENTION,
                        kind = kind.name(),
                        purged,
                        "expired rows deleted"
                    );
                }
                Ok(report.iter().map(|(_, n)| n).sum())
            };
            if let Some((tick, purged)) = self
                .leased(RETENTION, &retention.schedule, now, run)
                .await?
            {
                tracing::info!(job = RETENTION, %tick, purged, "retention job ran");
            }
        }
        Ok(ran)
    }

    /// Under the job `name`'s lease, runs `run` for the tick of `schedule` due at `now` if no
    /// process ran it yet, and records it; the tick and what `run` counted.
    async fn leased<F, Fut>(
        &self,
        name: &'static str,
        schedule: &Schedule,
        now: DateTime<Utc>,
        run: F,
    ) -> Result<Option<(DateTime<Utc>, u64)>, StoreError>
    where
        F: FnOnce(DateTime<Utc>) -> Fut,
        Fut: Future<Output = Result<u64, StoreError>>,
    {
        let lease = self
            .store
            .acquire_job(name, &self.holder, now + LEASE, now)
            .await?;
        crate::metrics::scheduler_lease(name, lease.is_some());
        let Some(last) = lease else {
            return Ok(None);
        };
        let tick = due_tick(schedule, last, now);
        let result = match tick {
            Some(tick) => run(tick).await.map(Some),
            None => Ok(None),
        };
        match result {
            Ok(counted) => {
                self.store.complete_job(name, &self.holder, tick).await?;
                Ok(tick.zip(counted))
            }
            Err(e) => {
                // Release without recording: the next check runs the tick again.
                self.store.complete_job(name, &self.holder, None).await?;
                Err(e)
            }
        }
    }
}
