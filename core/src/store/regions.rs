//! The region list the district's pack carries, as the store's one source of region codes:
//! every use case that checks a NIK, a KK number or a village code reads it from here, so the
//! phone, the desk and the district check against the same list without a file to copy.

use std::sync::Arc;

use super::{Store, StoreError};
use crate::ident::RegionList;

/// The setting that holds the pack's region list (Kemendagri CSV, with history).
pub const REGION_LIST_SETTING: &str = "pack.region_list_csv";

impl Store {
    /// The active region list, parsed once and kept until a new pack replaces it; `None`
    /// before the first pack (checks then run on the numbers' structure alone). A list the
    /// store holds but cannot parse is an error, not a silent `None`: the checks would
    /// quietly weaken.
    pub fn region_list(&self) -> Result<Option<Arc<RegionList>>, StoreError> {
        let mut cache = self.regions.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(list) = cache.as_ref() {
            return Ok(Some(list.clone()));
        }
        let Some(csv) = self.setting(REGION_LIST_SETTING)? else {
            return Ok(None);
        };
        let list = Arc::new(RegionList::from_csv(csv.as_bytes()).map_err(|e| {
            StoreError::refused(
                format!("Daftar wilayah dari paket desa tidak terbaca: {e}. Sinkronkan lagi."),
                format!("The village pack's region list is unreadable: {e}. Sync again."),
            )
        })?);
        *cache = Some(list.clone());
        Ok(Some(list))
    }

    /// Called whenever a setting changes: a new region list invalidates the parsed one.
    pub(super) fn forget_regions_if(&self, key: &str) {
        if key == REGION_LIST_SETTING {
            *self.regions.lock().unwrap_or_else(|e| e.into_inner()) = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pack_region_list_is_read_from_the_store_and_replaced_with_it() {
        let store = Store::open_in_memory().unwrap();
        assert!(store.region_list().unwrap().is_none());
        store
            .set_setting(
                REGION_LIST_SETTING,
                "code,name\n32,JAWA BARAT\n3204,KAB. BANDUNG\n",
            )
            .unwrap();
        let list = store.region_list().unwrap().unwrap();
        assert_eq!(list.len(), 2);
        store
            .set_setting(REGION_LIST_SETTING, "code,name\n33,JAWA TENGAH\n")
            .unwrap();
        let list = store.region_list().unwrap().unwrap();
        assert!(list.get("33").is_some() && list.get("32").is_none());
    }

    #[test]
    fn an_unreadable_region_list_is_an_error_not_an_absent_one() {
        let store = Store::open_in_memory().unwrap();
        store
            .set_setting(REGION_LIST_SETTING, "kode;nama\n32;JAWA BARAT\n")
            .unwrap();
        let e = store.region_list().unwrap_err();
        assert!(e.message(crate::Lang::En).contains("Sync again"), "{e}");
    }
}
