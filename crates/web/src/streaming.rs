//! Responses written while they are sent, and a limit on how many run at once.
//!
//! A large export (200,000 organisations as CSV or Popolo) is produced batch by batch in its
//! own task and handed to the connection one chunk at a time through a small channel, so the
//! server holds one batch whatever the size, and a reader that stops reading stops the
//! producer. [`ExportSlots`] caps how many exports run at once on this node, so a few readers
//! cannot take the memory and database connections every other request needs; the one turned
//! away is told to come back (503 with `Retry-After`).

use crate::error::PageError;
use axum::body::{Body, Bytes};
use cospace_store::StoreError;
use http_body::Frame;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::sync::{mpsc, OwnedSemaphorePermit, Semaphore};

/// Chunks waiting between the producer and the connection: enough to keep the socket busy
/// while the next batch is read, small enough that memory stays at a few batches.
const CHUNKS_IN_FLIGHT: usize = 2;

/// How long a reader turned away is asked to wait.
const RETRY_AFTER_SECS: i64 = 10;

/// The slots for exports on this node.
#[derive(Clone, Debug)]
pub struct ExportSlots(Arc<Semaphore>);

impl ExportSlots {
    pub fn new(slots: usize) -> ExportSlots {
        ExportSlots(Arc::new(Semaphore::new(slots.max(1))))
    }

    /// A slot, held until the export's last byte is sent; `Busy` when every slot is taken.
    pub fn take(&self) -> Result<ExportSlot, PageError> {
        Arc::clone(&self.0)
            .try_acquire_owned()
            .map(ExportSlot)
            .map_err(|_| PageError::Busy {
                retry_after_secs: RETRY_AFTER_SECS,
            })
    }
}

/// One running export.
pub struct ExportSlot(#[allow(dead_code)] OwnedSemaphorePermit);

/// Why a producer stopped early.
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    /// The reader went away; nothing to report.
    #[error("reader gone")]
    ReaderGone,
    #[error("{0}")]
    Store(#[from] StoreError),
}

/// Where a producer writes the body.
pub struct BodyWriter(mpsc::Sender<Result<Bytes, std::io::Error>>);

impl BodyWriter {
    /// Sends one chunk, waiting while the reader is behind.
    pub async fn send(&self, chunk: impl Into<Bytes>) -> Result<(), StreamError> {
        self.0
            .send(Ok(chunk.into()))
            .await
            .map_err(|_| StreamError::ReaderGone)
    }
}

/// A body that `produce` writes in its own task, holding `slot` until it is done. A producer
/// that fails ends the body abruptly, so the client sees a broken transfer rather than a body
/// that looks complete; the failure is logged.
pub fn streamed_body<F, Fut>(slot: ExportSlot, produce: F) -> Body
where
    F: FnOnce(BodyWriter) -> Fut + Send + 'static,
    Fut: Future<Output = Result<(), StreamError>> + Send + 'static,
{
    let (sender, receiver) = mpsc::channel(CHUNKS_IN_FLIGHT);
    let abort = sender.clone();
    tokio::spawn(async move {
        let _slot = slot;
        match produce(BodyWriter(sender)).await {
            Ok(()) | Err(StreamError::ReaderGone) => {}
            Err(StreamError::Store(error)) => {
                tracing::error!(%error, "export failed while streaming");
                let _ = abort
                    .send(Err(std::io::Error::other(error.to_string())))
                    .await;
            }
        }
    });
    Body::new(ChannelBody(receiver))
}

struct ChannelBody(mpsc::Receiver<Result<Bytes, std::io::Error>>);

impl http_body::Body for ChannelBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        self.0
            .poll_recv(cx)
            .map(|chunk| chunk.map(|result| result.map(Frame::data)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;

    #[tokio::test]
    async fn chunks_arrive_in_order_and_the_slot_is_freed() {
        let slots = ExportSlots::new(1);
        let slot = slots.take().expect("a free slot");
        assert!(matches!(slots.take(), Err(PageError::Busy { .. })));
        let body = streamed_body(slot, |out| async move {
            for i in 0..5 {
                out.send(format!("{i},")).await?;
            }
            Ok(())
        });
        let bytes = body.collect().await.expect("body").to_bytes();
        assert_eq!(&bytes[..], b"0,1,2,3,4,");
        tokio::task::yield_now().await;
        assert!(
            slots.take().is_ok(),
            "the slot is back once the body is sent"
        );
    }

    #[tokio::test]
    async fn a_failing_producer_breaks_the_body() {
        let slots = ExportSlots::new(1);
        let body = streamed_body(slots.take().expect("slot"), |out| async move {
            out.send("partial").await?;
            Err(StreamError::Store(StoreError::Internal("disk".into())))
        });
        assert!(body.collect().await.is_err());
    }
}
