//! SSH host-key scan (what `ssh-keyscan` does): connect to an SSH server, exchange version
//! banners and key-exchange offers, and read the host key from the server's key-exchange
//! reply — once per host-key algorithm the server offers, so the resulting `known_hosts`
//! holds every key type whichever one a later connection negotiates.
//!
//! Like `ssh-keyscan`, the scan stops at the server's reply (the key exchange is never
//! completed and no signature is checked), so it proves only what the server presents: trust
//! on first use. Show the fingerprints to the user.
//!
//! Wire format (RFC 4253): before keys are exchanged, packets are `uint32 length, byte
//! padding length, payload, padding` with no MAC; the client sends its `KEXINIT` and a
//! `KEX_ECDH_INIT` (curve25519) or `KEXDH_INIT` (finite-field groups), and the first field
//! of the server's reply (message 31) is the host key.

use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use super::keys::{blob_key_type, fingerprint_of_blob};
use super::known_hosts;

const MSG_DISCONNECT: u8 = 1;
const MSG_IGNORE: u8 = 2;
const MSG_DEBUG: u8 = 4;
const MSG_KEXINIT: u8 = 20;
const MSG_KEX_INIT: u8 = 30;
const MSG_KEX_REPLY: u8 = 31;

/// Key exchanges offered, best first. For curve25519 a random public value is sent; for the
/// finite-field groups a random element below the prime (the exchange is never finished, so
/// neither needs a secret).
const KEX_ALGORITHMS: &[(&str, usize)] = &[
    ("curve25519-sha256", 32),
    ("curve25519-sha256@libssh.org", 32),
    ("diffie-hellman-group16-sha512", 512),
    ("diffie-hellman-group18-sha512", 1024),
    ("diffie-hellman-group14-sha256", 256),
    ("diffie-hellman-group14-sha1", 256),
];

/// Host-key algorithms, grouped by the key they return (RSA has three signature names).
const HOST_KEY_FAMILIES: &[&[&str]] = &[
    &["ssh-ed25519"],
    &["ecdsa-sha2-nistp256"],
    &["ecdsa-sha2-nistp384"],
    &["ecdsa-sha2-nistp521"],
    &["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"],
];

/// A host key presented by a server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostKey {
    /// The host as scanned.
    pub host: String,
    /// The port as scanned.
    pub port: u16,
    /// The key's SSH wire encoding.
    pub key: Vec<u8>,
}

impl HostKey {
    /// The key type (`ssh-ed25519`, `ecdsa-sha2-nistp384`, `ssh-rsa`, …).
    pub fn key_type(&self) -> String {
        blob_key_type(&self.key)
    }

    /// The key's fingerprint (`SHA256:…`).
    pub fn fingerprint(&self) -> String {
        fingerprint_of_blob(&self.key)
    }

    /// The plain `known_hosts` line (`host type base64`, `[host]:port …` off port 22).
    pub fn known_hosts_line(&self) -> String {
        known_hosts::line(&self.host, self.port, &self.key)
    }
}

/// The `known_hosts` text of scanned keys, one line each.
pub fn known_hosts_text(keys: &[HostKey]) -> String {
    keys.iter().map(|k| k.known_hosts_line() + "\n").collect()
}

/// Why a scan failed; messages name the server.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    /// Connecting or talking to the server failed.
    #[error("SSH host key scan of {server}: {message}")]
    Io {
        /// `host:port`.
        server: String,
        /// What happened.
        message: String,
    },
    /// The server did not answer in time.
    #[error("SSH host key scan of {server}: no answer within {}", crate::duration::format(*.timeout))]
    Timeout {
        /// `host:port`.
        server: String,
        /// The timeout.
        timeout: Duration,
    },
    /// The server speaks something else, or nothing we offer.
    #[error("SSH host key scan of {server}: {message}")]
    Protocol {
        /// `host:port`.
        server: String,
        /// What is wrong.
        message: String,
    },
}

fn random_bytes(n: usize) -> Vec<u8> {
    use ssh_key::rand_core::{OsRng, RngCore};
    let mut v = vec![0u8; n];
    OsRng.fill_bytes(&mut v);
    v
}

fn put_string(out: &mut Vec<u8>, s: &[u8]) {
    out.extend_from_slice(&u32::try_from(s.len()).unwrap_or(u32::MAX).to_be_bytes());
    out.extend_from_slice(s);
}

fn name_list(names: &[&str]) -> Vec<u8> {
    names.join(",").into_bytes()
}

/// Frames a payload as an unencrypted SSH packet (block size 8, at least 4 bytes padding).
fn packet(payload: &[u8]) -> Vec<u8> {
    let mut padding = 8 - (5 + payload.len()) % 8;
    if padding < 4 {
        padding += 8;
    }
    let length = 1 + payload.len() + padding;
    let mut out = Vec::with_capacity(4 + length);
    out.extend_from_slice(&u32::try_from(length).unwrap_or(u32::MAX).to_be_bytes());
    out.push(u8::try_from(padding).unwrap_or(4));
    out.extend_from_slice(payload);
    out.extend(std::iter::repeat_n(0u8, padding));
    out
}

fn kexinit(host_key_algorithms: &[&str]) -> Vec<u8> {
    let mut p = vec![MSG_KEXINIT];
    p.extend(random_bytes(16));
    let kex: Vec<&str> = KEX_ALGORITHMS.iter().map(|(n, _)| *n).collect();
    put_string(&mut p, &name_list(&kex));
    put_string(&mut p, &name_list(host_key_algorithms));
    let ciphers = name_list(&[
        "aes128-ctr",
        "aes256-ctr",
        "aes128-gcm@openssh.com",
        "chacha20-poly1305@openssh.com",
    ]);
    let macs = name_list(&["hmac-sha2-256", "hmac-sha2-512", "hmac-sha1"]);
    for list in [&ciphers, &ciphers, &macs, &macs] {
        put_string(&mut p, list);
    }
    put_string(&mut p, b"none");
    put_string(&mut p, b"none");
    put_string(&mut p, b"");
    put_string(&mut p, b"");
    p.push(0); // first_kex_packet_follows
    p.extend_from_slice(&[0, 0, 0, 0]);
    p
}

/// Reads SSH strings from a payload.
struct Reader<'a> {
    data: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.data.len() < n {
            return None;
        }
        let (a, b) = self.data.split_at(n);
        self.data = b;
        Some(a)
    }

    fn string(&mut self) -> Option<&'a [u8]> {
        let len = self.take(4)?;
        let len = u32::from_be_bytes([len[0], len[1], len[2], len[3]]) as usize;
        self.take(len)
    }
}

/// The name lists of a server's KEXINIT: (key exchanges, host-key algorithms).
fn parse_kexinit(payload: &[u8]) -> Option<(Vec<String>, Vec<String>)> {
    let mut r = Reader { data: payload };
    if r.take(1)? != [MSG_KEXINIT] {
        return None;
    }
    r.take(16)?;
    let list = |b: &[u8]| -> Vec<String> {
        String::from_utf8_lossy(b)
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    let kex = list(r.string()?);
    let host_keys = list(r.string()?);
    Some((kex, host_keys))
}

struct Conn {
    reader: BufReader<TcpStream>,
    server: String,
}

impl Conn {
    fn io(&self, e: &std::io::Error) -> ScanError {
        ScanError::Io {
            server: self.server.clone(),
            message: e.to_string(),
        }
    }

    fn protocol(&self, message: impl Into<String>) -> ScanError {
        ScanError::Protocol {
            server: self.server.clone(),
            message: message.into(),
        }
    }

    async fn read_packet(&mut self) -> Result<Vec<u8>, ScanError> {
        loop {
            let mut len = [0u8; 4];
            self.reader.read_exact(&mut len).await.map_err(|e| self.io(&e))?;
            let len = u32::from_be_bytes(len) as usize;
            if !(5..=256 * 1024).contains(&len) {
                return Err(self.protocol(format!("invalid packet length {len}")));
            }
            let mut body = vec![0u8; len];
            self.reader.read_exact(&mut body).await.map_err(|e| self.io(&e))?;
            let padding = body[0] as usize;
            if padding + 1 > len {
                return Err(self.protocol("invalid packet padding"));
            }
            let payload = body[1..len - padding].to_vec();
            match payload.first() {
                Some(&MSG_IGNORE | &MSG_DEBUG) => {}
                Some(&MSG_DISCONNECT) => {
                    let mut r = Reader { data: &payload[1..] };
                    let reason = r
                        .take(4)
                        .map_or(0, |b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]));
                    let text = r
                        .string()
                        .map(|s| String::from_utf8_lossy(s).into_owned())
                        .unwrap_or_default();
                    return Err(self.protocol(format!("the server disconnected (reason {reason}): {text}")));
                }
                Some(_) => return Ok(payload),
                None => return Err(self.protocol("an empty packet")),
            }
        }
    }

    async fn send(&mut self, payload: &[u8]) -> Result<(), ScanError> {
        let bytes = packet(payload);
        self.reader
            .get_mut()
            .write_all(&bytes)
            .await
            .map_err(|e| self.io(&e))
    }
}

/// One connection: offers `host_key_algorithms`, returns the server's host key and the
/// host-key algorithms its KEXINIT listed.
async fn scan_once(
    host: &str,
    port: u16,
    host_key_algorithms: &[&str],
) -> Result<(Vec<u8>, Vec<String>), ScanError> {
    let server = format!(
        "{}:{port}",
        if host.contains(':') {
            format!("[{host}]")
        } else {
            host.to_string()
        }
    );
    let stream = TcpStream::connect((host, port))
        .await
        .map_err(|e| ScanError::Io {
            server: server.clone(),
            message: e.to_string(),
        })?;
    let _ = stream.set_nodelay(true);
    let mut c = Conn {
        reader: BufReader::new(stream),
        server,
    };
    c.reader
        .get_mut()
        .write_all(b"SSH-2.0-flux_rs_keyscan\r\n")
        .await
        .map_err(|e| c.io(&e))?;
    // The server may send other lines before its version line.
    let mut lines = 0;
    loop {
        let mut line = Vec::new();
        let n = (&mut c.reader)
            .take(1024)
            .read_until(b'\n', &mut line)
            .await
            .map_err(|e| c.io(&e))?;
        if n == 0 {
            return Err(c.protocol("the connection closed before the SSH version line"));
        }
        if line.starts_with(b"SSH-") {
            if !(line.starts_with(b"SSH-2.0-") || line.starts_with(b"SSH-1.99-")) {
                return Err(c.protocol(format!(
                    "unsupported SSH version {:?}",
                    String::from_utf8_lossy(&line).trim()
                )));
            }
            break;
        }
        lines += 1;
        if lines > 50 {
            return Err(c.protocol("no SSH version line (is this an SSH server?)"));
        }
    }
    c.send(&kexinit(host_key_algorithms)).await?;
    let server_init = c.read_packet().await?;
    let (server_kex, server_host_keys) =
        parse_kexinit(&server_init).ok_or_else(|| c.protocol("expected the server's KEXINIT"))?;
    let Some((kex, size)) = KEX_ALGORITHMS
        .iter()
        .find(|(n, _)| server_kex.iter().any(|s| s == n))
    else {
        return Err(c.protocol(format!(
            "no common key exchange (the server offers {})",
            server_kex.join(",")
        )));
    };
    if !host_key_algorithms
        .iter()
        .any(|a| server_host_keys.iter().any(|s| s == a))
    {
        return Err(c.protocol(format!(
            "the server has no host key of type {} (it offers {})",
            host_key_algorithms.join(","),
            server_host_keys.join(",")
        )));
    }
    let mut value = random_bytes(*size);
    let mut init = vec![MSG_KEX_INIT];
    if kex.starts_with("curve25519") {
        value[31] &= 0x7f;
        put_string(&mut init, &value);
    } else {
        // A positive mpint below the group's prime (whose top byte is 0xff).
        value[0] = 0x01;
        put_string(&mut init, &value);
    }
    c.send(&init).await?;
    let reply = c.read_packet().await?;
    let mut r = Reader { data: &reply };
    if r.take(1) != Some(&[MSG_KEX_REPLY][..]) {
        return Err(c.protocol(format!(
            "expected the key exchange reply, got message {}",
            reply.first().copied().unwrap_or_default()
        )));
    }
    let key = r
        .string()
        .ok_or_else(|| c.protocol("a key exchange reply without a host key"))?
        .to_vec();
    Ok((key, server_host_keys))
}

/// Scans every host key of an SSH server (one connection per key type the server offers),
/// within `timeout` overall. Keys come in a fixed order: Ed25519, ECDSA P-256/384/521, RSA.
pub async fn scan(host: &str, port: u16, timeout: Duration) -> Result<Vec<HostKey>, ScanError> {
    let server = format!("{host}:{port}");
    let all: Vec<&str> = HOST_KEY_FAMILIES.iter().flat_map(|f| f.iter().copied()).collect();
    let work = async {
        let (first_key, offered) = scan_once(host, port, &all).await?;
        let mut keys: Vec<Vec<u8>> = Vec::new();
        let first_type = blob_key_type(&first_key);
        for family in HOST_KEY_FAMILIES {
            let available: Vec<&str> = family
                .iter()
                .copied()
                .filter(|a| offered.iter().any(|o| o == a))
                .collect();
            if available.is_empty() {
                continue;
            }
            // The first connection already returned the key of one family.
            if family.contains(&first_type.as_str()) {
                keys.push(first_key.clone());
                continue;
            }
            let (key, _) = scan_once(host, port, &available).await?;
            keys.push(key);
        }
        if keys.is_empty() {
            keys.push(first_key);
        }
        Ok::<_, ScanError>(keys)
    };
    let keys = tokio::time::timeout(timeout, work)
        .await
        .map_err(|_| ScanError::Timeout { server, timeout })??;
    Ok(keys
        .into_iter()
        .map(|key| HostKey {
            host: host.to_string(),
            port,
            key,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packets_are_framed_and_padded() {
        for n in 0..40 {
            let p = packet(&vec![7u8; n]);
            assert_eq!(p.len() % 8, 0, "payload {n}");
            let len = u32::from_be_bytes([p[0], p[1], p[2], p[3]]) as usize;
            assert_eq!(len + 4, p.len());
            assert!(p[4] >= 4);
        }
    }

    #[test]
    fn kexinit_round_trips() {
        let k = kexinit(&["ssh-ed25519", "ecdsa-sha2-nistp256"]);
        let (kex, hk) = parse_kexinit(&k).unwrap();
        assert_eq!(kex[0], "curve25519-sha256");
        assert_eq!(hk, ["ssh-ed25519", "ecdsa-sha2-nistp256"]);
        assert!(parse_kexinit(&[MSG_KEXINIT, 1, 2]).is_none());
    }

    #[tokio::test]
    async fn a_closed_port_is_a_clear_error() {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        drop(l);
        let e = scan("127.0.0.1", port, Duration::from_secs(5))
            .await
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with(&format!("SSH host key scan of 127.0.0.1:{port}")),
            "{e}"
        );
    }

    #[tokio::test]
    async fn a_server_that_is_not_ssh_is_a_clear_error() {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = l.local_addr().unwrap().port();
        tokio::spawn(async move {
            if let Ok((mut s, _)) = l.accept().await {
                let mut buf = [0u8; 64];
                let _ = s.read(&mut buf).await;
                let _ = s.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n").await;
                let _ = s.shutdown().await;
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
        });
        let e = scan("127.0.0.1", port, Duration::from_secs(5))
            .await
            .unwrap_err()
            .to_string();
        assert!(e.contains("closed before the SSH version line"), "{e}");
    }
}
