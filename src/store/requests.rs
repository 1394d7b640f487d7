//! The data subjects' register (tree `requests`): big-endian number ->
//! [`DataRequest`], numbered 1, 2, 3... in the order entered. A request
//! is never removed (the register is the commune's proof it answered).
//!
//! Every entry or change is one sled transaction with its access-log line
//! (`RequestRecorded` / `RequestUpdated`, by number: the requester's name
//! stays here, never in the log), flushed before the call returns. A purge
//! does not touch the register.

use chrono::NaiveDate;
use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError};

use super::codec;
use super::tables::{T, id_from_bytes};
use super::{Store, StoreError};
use crate::domain::Id;
use crate::domain::operator::AccessEvent;
use crate::domain::request::DataRequest;

const REQUEST_VERSION: u8 = 1;

impl Store {
    /// Every request, oldest first.
    pub fn requests(&self) -> Result<Vec<DataRequest>, StoreError> {
        let mut all = Vec::new();
        for item in self.raw(T::Requests).iter() {
            all.push(decode(&item?.1)?);
        }
        Ok(all)
    }

    pub fn request(&self, id: Id) -> Result<Option<DataRequest>, StoreError> {
        self.raw(T::Requests).get(id.to_be_bytes())?.map(|b| decode(&b)).transpose()
    }

    /// How many requests are past a deadline on `today`.
    pub fn overdue_requests(&self, today: NaiveDate) -> Result<usize, StoreError> {
        Ok(self.requests()?.iter().filter(|r| r.is_overdue(today)).count())
    }

    /// Enters a new request (its `id` is given here), logged and flushed.
    pub fn record_request(&self, mut request: DataRequest) -> Result<DataRequest, StoreError> {
        let _guard = self.write_guard();
        let last = self.raw(T::Requests).last()?.and_then(|(k, _)| id_from_bytes(&k));
        request.id = last.unwrap_or(0) + 1;
        let event = AccessEvent::RequestRecorded { id: request.id };
        self.save_request(&mut request, event)?;
        Ok(request)
    }

    /// Saves a changed request (found by its `id`), logged and flushed.
    pub fn update_request(&self, mut request: DataRequest) -> Result<DataRequest, StoreError> {
        let _guard = self.write_guard();
        if self.request(request.id)?.is_none() {
            return Err(StoreError::Storage(format!("request {} does not exist", request.id)));
        }
        let event = AccessEvent::RequestUpdated { id: request.id };
        self.save_request(&mut request, event)?;
        Ok(request)
    }

    /// Cleans, checks and writes a request with its access-log line (the
    /// caller holds the write lock).
    fn save_request(&self, request: &mut DataRequest, event: AccessEvent) -> Result<(), StoreError> {
        request.normalize();
        request.validate(self.today()).map_err(StoreError::Invalid)?;
        request.updated_at = self.now();
        let value = codec::encode(REQUEST_VERSION, &*request).map_err(corrupt)?;
        let key = request.id.to_be_bytes();
        let (entry_key, entry) = self.next_access(event)?;
        (self.raw(T::Requests), self.raw(T::AccessLog))
            .transaction(|(requests, log)| {
                requests.insert(&key, value.as_slice())?;
                log.insert(&entry_key, entry.as_slice())?;
                Ok::<_, ConflictableTransactionError<StoreError>>(())
            })
            .map_err(|e| match e {
                TransactionError::Abort(e) => e,
                TransactionError::Storage(e) => StoreError::from(e),
            })?;
        self.flush()
    }
}

fn decode(bytes: &[u8]) -> Result<DataRequest, StoreError> {
    codec::decode_current(bytes, REQUEST_VERSION).map_err(corrupt)
}

fn corrupt(e: codec::CodecError) -> StoreError {
    StoreError::Corrupt { tree: T::Requests.name(), detail: e.to_string() }
}

#[cfg(test)]
mod tests;
