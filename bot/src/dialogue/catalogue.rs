//! The reference data every flow reads (offices and services), kept in memory for a short
//! while: it changes a few times a year and reloading it cost four queries per turn. An import
//! shows up in conversations within `EngineConfig::catalogue_ttl` (30 seconds by default).

use crate::domain::{Office, OfficeId, Service};
use crate::store::{Repository, StoreError};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

pub(crate) struct Catalogue {
    pub offices: Vec<Office>,
    pub services: Vec<Service>,
}

impl Catalogue {
    pub fn office(&self, id: &OfficeId) -> Option<&Office> {
        self.offices.iter().find(|o| o.id == *id)
    }

    pub fn service(&self, code: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.code.as_str() == code)
    }
}

/// The catalogue with the moment it was loaded; one loader at a time.
#[derive(Default)]
pub(crate) struct CatalogueCache {
    current: Mutex<Option<(Instant, Arc<Catalogue>)>>,
}

impl CatalogueCache {
    pub async fn get(
        &self,
        repo: &dyn Repository,
        ttl: Duration,
    ) -> Result<Arc<Catalogue>, StoreError> {
        let mut current = self.current.lock().await;
        if let Some((loaded, catalogue)) = current.as_ref()
            && loaded.elapsed() < ttl
        {
            return Ok(catalogue.clone());
        }
        let catalogue = Arc::new(Catalogue {
            offices: repo.offices().await?,
            services: repo.services().await?,
        });
        *current = Some((Instant::now(), catalogue.clone()));
        Ok(catalogue)
    }
}
