//! A tiny HTTP/1.1 server on tokio for `/healthz`, `/readyz` and `/metrics`: GET and HEAD,
//! one request per connection (`Connection: close`), bounded request size and read time.
//! Enough for kubelet probes and Prometheus scrapes without pulling in a web framework.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Largest request head accepted.
const MAX_REQUEST: usize = 16 * 1024;
/// How long a client may take to send its request.
const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// A response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// `Content-Type`.
    pub content_type: &'static str,
    /// Body.
    pub body: String,
}

impl Response {
    /// A plain-text response.
    pub fn text(status: u16, body: impl Into<String>) -> Self {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            body: body.into(),
        }
    }
}

/// Answers a request for a path (query string removed).
pub type Handler = Arc<dyn Fn(&str) -> Response + Send + Sync>;

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Payload Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

/// The method and path of a request head, or the status to answer with.
pub fn parse_request_line(head: &str) -> Result<(&str, &str), u16> {
    let line = head.lines().next().ok_or(400u16)?;
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(400);
    };
    if parts.next().is_some() || !version.starts_with("HTTP/1.") || !target.starts_with('/') {
        return Err(400);
    }
    let path = target.split(['?', '#']).next().unwrap_or(target);
    Ok((method, path))
}

fn render(resp: &Response, head_only: bool) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        resp.status,
        reason(resp.status),
        resp.content_type,
        resp.body.len()
    )
    .into_bytes();
    if !head_only {
        out.extend_from_slice(resp.body.as_bytes());
    }
    out
}

async fn read_head(stream: &mut TcpStream) -> Result<String, u16> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    loop {
        let n = stream.read(&mut chunk).await.map_err(|_| 400u16)?;
        if n == 0 {
            return Err(400);
        }
        buf.extend_from_slice(&chunk[..n]);
        if buf.windows(4).any(|w| w == b"\r\n\r\n") || buf.windows(2).any(|w| w == b"\n\n") {
            return String::from_utf8(buf).map_err(|_| 400);
        }
        if buf.len() > MAX_REQUEST {
            return Err(413);
        }
    }
}

async fn handle(mut stream: TcpStream, handler: Handler) {
    let head = tokio::time::timeout(READ_TIMEOUT, read_head(&mut stream)).await;
    let (resp, head_only) = match head {
        Err(_) => return,
        Ok(Err(status)) => (Response::text(status, format!("{}\n", reason(status))), false),
        Ok(Ok(head)) => match parse_request_line(&head) {
            Err(status) => (Response::text(status, format!("{}\n", reason(status))), false),
            Ok(("GET", path)) => (handler(path), false),
            Ok(("HEAD", path)) => (handler(path), true),
            Ok(_) => (Response::text(405, "method not allowed\n"), false),
        },
    };
    let _ = stream.write_all(&render(&resp, head_only)).await;
    let _ = stream.shutdown().await;
    // Read what the client may still send (an oversized request) until it closes, so closing
    // our end does not reset the connection before the client has read the response.
    let mut sink = [0u8; 4096];
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        while matches!(stream.read(&mut sink).await, Ok(n) if n > 0) {}
    })
    .await;
}

/// Parses a listen address as the controller flags give it: `:8080` (all interfaces),
/// `127.0.0.1:8080`, `[::1]:8080`. `0` (or empty) disables the server.
pub fn parse_listen_addr(s: &str) -> Result<Option<SocketAddr>, String> {
    let s = s.trim();
    if s.is_empty() || s == "0" {
        return Ok(None);
    }
    let full = if s.starts_with(':') {
        format!("0.0.0.0{s}")
    } else {
        s.to_string()
    };
    full.parse::<SocketAddr>().map(Some).map_err(|_| {
        format!(
            "invalid address {s:?}: expected [host]:port such as :8080 or 127.0.0.1:8080, or 0 to disable"
        )
    })
}

/// Serves requests on `listener` until `stop` resolves.
pub async fn serve(listener: TcpListener, handler: Handler, stop: impl std::future::Future<Output = ()>) {
    let accept = async {
        loop {
            match listener.accept().await {
                Ok((stream, _)) => {
                    tokio::spawn(handle(stream, handler.clone()));
                }
                Err(e) => {
                    tracing::warn!(error = %e, "accepting an HTTP connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }
    };
    tokio::select! {
        () = accept => {}
        () = stop => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_lines_and_addresses_parse() {
        assert_eq!(
            parse_request_line("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n"),
            Ok(("GET", "/metrics"))
        );
        assert_eq!(
            parse_request_line("GET /readyz?verbose=1 HTTP/1.0\r\n\r\n"),
            Ok(("GET", "/readyz"))
        );
        assert_eq!(parse_request_line("GET metrics HTTP/1.1\r\n\r\n"), Err(400));
        assert_eq!(parse_request_line("garbage\r\n\r\n"), Err(400));
        assert_eq!(parse_request_line("GET / SPDY/3\r\n\r\n"), Err(400));

        assert_eq!(
            parse_listen_addr(":8080").unwrap(),
            Some("0.0.0.0:8080".parse().unwrap())
        );
        assert_eq!(
            parse_listen_addr("127.0.0.1:0").unwrap(),
            Some("127.0.0.1:0".parse().unwrap())
        );
        assert_eq!(
            parse_listen_addr("[::1]:9440").unwrap(),
            Some("[::1]:9440".parse().unwrap())
        );
        assert_eq!(parse_listen_addr("0").unwrap(), None);
        assert!(
            parse_listen_addr("8080")
                .unwrap_err()
                .contains("expected [host]:port")
        );
    }

    async fn request(addr: SocketAddr, raw: &str) -> String {
        let mut s = TcpStream::connect(addr).await.unwrap();
        s.write_all(raw.as_bytes()).await.unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).await.unwrap();
        out
    }

    #[tokio::test]
    async fn serves_get_and_head_and_rejects_the_rest() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let handler: Handler = Arc::new(|path| match path {
            "/healthz" => Response::text(200, "ok\n"),
            _ => Response::text(404, "not found\n"),
        });
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(serve(listener, handler, async {
            let _ = rx.await;
        }));

        let got = request(addr, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await;
        assert!(got.starts_with("HTTP/1.1 200 OK\r\n"), "{got}");
        assert!(got.contains("Content-Length: 3\r\n"), "{got}");
        assert!(got.ends_with("\r\n\r\nok\n"), "{got}");
        let got = request(addr, "HEAD /healthz HTTP/1.1\r\n\r\n").await;
        assert!(
            got.starts_with("HTTP/1.1 200 OK\r\n") && got.ends_with("\r\n\r\n"),
            "{got}"
        );
        let got = request(addr, "GET /nope HTTP/1.1\r\n\r\n").await;
        assert!(got.starts_with("HTTP/1.1 404 Not Found\r\n"), "{got}");
        let got = request(addr, "POST /healthz HTTP/1.1\r\n\r\n").await;
        assert!(got.starts_with("HTTP/1.1 405 Method Not Allowed\r\n"), "{got}");
        let huge = format!("GET /healthz HTTP/1.1\r\nX: {}\r\n", "a".repeat(MAX_REQUEST + 10));
        let got = request(addr, &huge).await;
        assert!(got.starts_with("HTTP/1.1 413 "), "{got}");

        tx.send(()).unwrap();
        server.await.unwrap();
        assert!(
            TcpStream::connect(addr).await.is_err(),
            "the listener is closed after stop"
        );
    }
}
