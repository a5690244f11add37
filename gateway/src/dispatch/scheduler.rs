//! The scheduler: fires the reminder jobs of `visadesk_bot::notify::schedule` on their cron
//! expressions (UTC), once per tick across every `serve` process.
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
use visadesk_bot::store::StoreError;
use visadesk_bot::store::backoffice::BackofficeStore;

/// How often the scheduler looks for due ticks (cron's resolution is one second).
const CHECK_EVERY: Duration = Duration::from_secs(1);
/// How long a job's lease holds; a job takes far less.
const LEASE: TimeDelta = TimeDelta::minutes(5);

/// A job's cron expression does not parse; the scheduler does not start (settings check the
/// expressions first, so this is a caller's own list gone wrong).
#[derive(Debug, thiserror::Error)]
#[error("{}: {reason}", job.name())]
pub struct InvalidSchedule {
    pub job: Job,
    pub reason: String,
}

pub struct Scheduler {
    store: Arc<dyn BackofficeStore>,
    jobs: Vec<(Job, Schedule)>,
    holder: String,
    /// What "due" is measured against.
    clock: SharedClock,
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
                    .map_err(|reason| InvalidSchedule { job: *job, reason })
            })
            .collect::<Result<_, _>>()?;
        Ok(Scheduler {
            store,
            jobs,
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

    pub fn from_app(app: &App) -> Result<Scheduler, InvalidSchedule> {
        let n = &app.settings.notifications;
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
        .map(|scheduler| scheduler.with_clock(app.clock.clone()))
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

    /// Runs every job whose tick is due and not yet run by any process; returns the jobs
    /// run with their tick and the number of new outbox rows.
    pub async fn run_due(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Vec<(Job, DateTime<Utc>, u64)>, StoreError> {
        let mut ran = Vec::new();
        for (job, schedule) in &self.jobs {
            let Some(last) = self
                .store
                .acquire_job(job.name(), &self.holder, now + LEASE, now)
                .await?
            else {
                continue;
            };
            let tick = due_tick(schedule, last, now);
            let result = match tick {
                Some(tick) => run_job(*job, self.store.as_ref(), tick).await.map(Some),
                None => Ok(None),
            };
            match result {
                Ok(planned) => {
                    self.store
                        .complete_job(job.name(), &self.holder, tick)
                        .await?;
                    if let (Some(tick), Some(planned)) = (tick, planned) {
                        tracing::info!(job = job.name(), %tick, planned, "scheduled job ran");
                        ran.push((*job, tick, planned));
                    }
                }
                Err(e) => {
                    // Release without recording: the next check runs the tick again.
                    self.store
                        .complete_job(job.name(), &self.holder, None)
                        .await?;
                    return Err(e);
                }
            }
        }
        Ok(ran)
    }
}
