//! Retries of requests to the API server: transient failures (throttling, server errors,
//! connection failures) are tried again with exponential backoff, honouring `Retry-After`.
//! Every layer that talks to the server uses it.

use std::future::Future;
use std::time::Duration;

/// Whether an error is worth retrying: throttling, server errors, connection failures.
pub fn is_transient(e: &kube::Error) -> bool {
    match e {
        kube::Error::Api(s) => s.code == 429 || s.code >= 500,
        kube::Error::HyperError(_) | kube::Error::Service(_) | kube::Error::ReadEvents(_) => true,
        _ => false,
    }
}

/// How long the server asked us to wait (`Retry-After` of a 429 or 503), capped at 10s.
fn retry_after(e: &kube::Error) -> Option<Duration> {
    match e {
        kube::Error::Api(s) => s
            .details
            .as_ref()
            .map(|d| d.retry_after_seconds)
            .filter(|s| *s > 0)
            .map(|s| Duration::from_secs(u64::from(s).min(10))),
        _ => None,
    }
}

/// Attempts made by [`retry`] before giving up.
pub const RETRY_ATTEMPTS: u32 = 5;

/// Runs a request, retrying transient failures (429, 5xx, connection errors) with
/// exponential backoff: 5 attempts, waiting 100ms, 300ms, 900ms, 2.7s (or what the server's
/// `Retry-After` asks, up to 10s).
pub async fn retry<T, F, Fut>(f: F) -> kube::Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = kube::Result<T>>,
{
    retry_if(f, is_transient).await
}

/// [`retry`] with a rule of its own for which failures are worth another attempt.
pub async fn retry_if<T, F, Fut>(f: F, should_retry: impl Fn(&kube::Error) -> bool) -> kube::Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = kube::Result<T>>,
{
    retry_with(f, should_retry, Duration::from_millis(100)).await
}

async fn retry_with<T, F, Fut>(
    mut f: F,
    should_retry: impl Fn(&kube::Error) -> bool,
    first_delay: Duration,
) -> kube::Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = kube::Result<T>>,
{
    let mut delay = first_delay;
    let mut attempt = 1;
    loop {
        match f().await {
            Err(e) if attempt < RETRY_ATTEMPTS && should_retry(&e) => {
                let wait = retry_after(&e).map_or(delay, |r| r.max(delay));
                tracing::debug!(attempt, error = %e, ?wait, "retrying");
                tokio::time::sleep(wait).await;
                delay *= 3;
                attempt += 1;
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api_error(code: u16) -> kube::Error {
        kube::Error::Api(
            kube::core::Status::failure("boom", "InternalError")
                .with_code(code)
                .boxed(),
        )
    }

    #[test]
    fn transient_errors() {
        assert!(is_transient(&api_error(429)));
        assert!(is_transient(&api_error(500)));
        assert!(is_transient(&api_error(503)));
        assert!(!is_transient(&api_error(404)));
        assert!(!is_transient(&api_error(409)));
        assert!(!is_transient(&api_error(422)));
        let reset = kube::Error::ReadEvents(std::io::Error::from(std::io::ErrorKind::ConnectionReset));
        assert!(is_transient(&reset));
    }

    #[tokio::test]
    async fn retries_back_off_then_give_up() {
        use std::sync::atomic::{AtomicU32, Ordering};
        let ms = Duration::from_millis;
        let calls = AtomicU32::new(0);
        let start = tokio::time::Instant::now();
        let r: kube::Result<u32> = retry_with(
            || async {
                let n = calls.fetch_add(1, Ordering::SeqCst) + 1;
                if n < 3 { Err(api_error(503)) } else { Ok(n) }
            },
            is_transient,
            ms(10),
        )
        .await;
        assert_eq!(r.unwrap(), 3);
        // 10ms, then 30ms.
        assert!(start.elapsed() >= ms(40), "{:?}", start.elapsed());

        calls.store(0, Ordering::SeqCst);
        let r: kube::Result<u32> = retry_with(
            || async {
                calls.fetch_add(1, Ordering::SeqCst);
                Err(api_error(500))
            },
            is_transient,
            ms(1),
        )
        .await;
        assert!(r.is_err());
        assert_eq!(calls.load(Ordering::SeqCst), RETRY_ATTEMPTS);

        calls.store(0, Ordering::SeqCst);
        let r: kube::Result<u32> = retry(|| async {
            calls.fetch_add(1, Ordering::SeqCst);
            Err(api_error(422))
        })
        .await;
        assert!(r.is_err());
        assert_eq!(
            calls.load(Ordering::SeqCst),
            1,
            "permanent errors are not retried"
        );
    }
}
