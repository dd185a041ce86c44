//! age (C2SP age v1) decryption with X25519 identities: what SOPS needs to unwrap a data
//! key encrypted to `age1…` recipients.
//!
//! * Identities are `AGE-SECRET-KEY-1…` lines (Bech32); key files may hold several, with
//!   `#` comments and blank lines, as `age-keygen` writes them.
//! * A file is the ASCII armor (`-----BEGIN AGE ENCRYPTED FILE-----`) around the binary
//!   format: the header (`age-encryption.org/v1`, one stanza per recipient, `--- <MAC>`), then
//!   a 16-byte nonce and the payload in 64 KiB ChaCha20-Poly1305 chunks (STREAM).
//! * An X25519 stanza (`-> X25519 <share>` + wrapped file key) is opened with
//!   HKDF-SHA256(X25519(identity, share), salt = share ‖ recipient, "age-encryption.org/v1/X25519")
//!   as the ChaCha20-Poly1305 key; the header MAC is checked with the file key before the
//!   payload is read.
//!
//! Nothing here keeps or prints key material: secrets live in [`Zeroizing`] buffers.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use curve25519_dalek::montgomery::MontgomeryPoint;
use ring::{aead, hkdf, hmac};
use zeroize::Zeroizing;

const BECH32_CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const SECRET_HRP: &str = "age-secret-key-";
const PUBLIC_HRP: &str = "age";
const INTRO: &str = "age-encryption.org/v1";
const ARMOR_BEGIN: &str = "-----BEGIN AGE ENCRYPTED FILE-----";
const ARMOR_END: &str = "-----END AGE ENCRYPTED FILE-----";
const CHUNK: usize = 64 * 1024;
const TAG: usize = 16;

/// Why an age file or identity cannot be used. Messages never contain key material.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The identity text is not an X25519 age identity.
    #[error("invalid age identity: {0}")]
    Identity(String),
    /// The file is not well-formed age.
    #[error("malformed age file: {0}")]
    Format(String),
    /// None of the identities matches a recipient stanza of the file.
    #[error("no identity matches any of the file's age recipients")]
    NoMatch,
    /// A stanza or the payload does not authenticate (tampered or truncated).
    #[error("age decryption failed: {0}")]
    Decrypt(&'static str),
}

/// An X25519 age identity (`AGE-SECRET-KEY-1…`).
#[derive(Clone)]
pub struct Identity {
    secret: Zeroizing<[u8; 32]>,
    recipient: [u8; 32],
}

impl fmt::Debug for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Identity({})", self.recipient())
    }
}

impl Identity {
    /// Parses one `AGE-SECRET-KEY-1…` string.
    pub fn parse(text: &str) -> Result<Identity, Error> {
        let (hrp, data) =
            bech32_decode(text.trim()).map_err(|e| Error::Identity(format!("not Bech32 ({e})")))?;
        if hrp != SECRET_HRP {
            return Err(Error::Identity(format!(
                "unknown type {:?} (only X25519 AGE-SECRET-KEY-1 identities are supported)",
                hrp.to_ascii_uppercase()
            )));
        }
        let secret: [u8; 32] = data
            .as_slice()
            .try_into()
            .map_err(|_| Error::Identity(format!("{} bytes of key data instead of 32", data.len())))?;
        let recipient = MontgomeryPoint::mul_base_clamped(secret).to_bytes();
        Ok(Identity {
            secret: Zeroizing::new(secret),
            recipient,
        })
    }

    /// Parses a key file: every `AGE-SECRET-KEY-1…` line, skipping blank lines and `#`
    /// comments. Any other line is an error naming its line number (never its content).
    pub fn parse_file(text: &str) -> Result<Vec<Identity>, Error> {
        let mut out = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            out.push(Identity::parse(line).map_err(|e| match e {
                Error::Identity(m) => Error::Identity(format!("line {}: {m}", i + 1)),
                other => other,
            })?);
        }
        if out.is_empty() {
            return Err(Error::Identity("no AGE-SECRET-KEY-1 line found".into()));
        }
        Ok(out)
    }

    /// The recipient (`age1…`) of this identity.
    pub fn recipient(&self) -> String {
        bech32_encode(PUBLIC_HRP, &self.recipient)
    }

    /// Opens an X25519 stanza: the 16-byte file key, or `None` when the stanza is for
    /// another recipient.
    fn unwrap(&self, share: &[u8; 32], body: &[u8]) -> Result<Option<Zeroizing<[u8; 16]>>, Error> {
        let shared = Zeroizing::new(MontgomeryPoint(*share).mul_clamped(*self.secret).to_bytes());
        if shared.iter().all(|b| *b == 0) {
            return Err(Error::Format("X25519 stanza with a low-order share".into()));
        }
        let mut salt = [0u8; 64];
        salt[..32].copy_from_slice(share);
        salt[32..].copy_from_slice(&self.recipient);
        let key = hkdf_sha256(&salt, &shared[..], b"age-encryption.org/v1/X25519");
        let mut buf = body.to_vec();
        let Some(plain) = chacha_open(&key, [0u8; 12], &mut buf) else {
            return Ok(None);
        };
        let file_key: [u8; 16] = plain
            .try_into()
            .map_err(|_| Error::Format("X25519 stanza body is not a 16-byte file key".into()))?;
        buf.fill(0);
        Ok(Some(Zeroizing::new(file_key)))
    }
}

/// One recipient stanza of a header.
struct Stanza {
    kind: String,
    args: Vec<String>,
    body: Vec<u8>,
}

/// Decrypts an armored (or binary) age file with any of `identities`.
pub fn decrypt(file: &[u8], identities: &[Identity]) -> Result<Zeroizing<Vec<u8>>, Error> {
    let binary = dearmor(file)?;
    let (stanzas, header_len, mac, body_start) = parse_header(&binary)?;
    let mut file_key = None;
    for s in stanzas.iter().filter(|s| s.kind == "X25519") {
        if s.args.len() != 1 {
            return Err(Error::Format("X25519 stanza needs exactly one argument".into()));
        }
        let share: [u8; 32] = decode_b64_no_pad(&s.args[0])
            .and_then(|v| v.try_into().ok())
            .ok_or_else(|| Error::Format("X25519 stanza share is not 32 bytes of base64".into()))?;
        if s.body.len() != 32 {
            return Err(Error::Format("X25519 stanza body is not 32 bytes".into()));
        }
        for id in identities {
            if let Some(k) = id.unwrap(&share, &s.body)? {
                file_key = Some(k);
                break;
            }
        }
        if file_key.is_some() {
            break;
        }
    }
    let file_key = file_key.ok_or(Error::NoMatch)?;
    let mac_key = hkdf_sha256(&[], &file_key[..], b"header");
    let key = hmac::Key::new(hmac::HMAC_SHA256, &mac_key[..]);
    hmac::verify(&key, &binary[..header_len], &mac).map_err(|_| Error::Decrypt("header MAC mismatch"))?;
    payload(&file_key, &binary[body_start..])
}

/// The header's stanzas, the length of the header up to and including `---`, the MAC and
/// where the payload starts.
fn parse_header(data: &[u8]) -> Result<(Vec<Stanza>, usize, Vec<u8>, usize), Error> {
    let fmt = |m: &str| Error::Format(m.to_string());
    let mut pos = 0;
    let line = |pos: &mut usize| -> Result<String, Error> {
        let rest = &data[*pos..];
        let end = rest
            .iter()
            .position(|b| *b == b'\n')
            .ok_or_else(|| fmt("header line without a newline"))?;
        let text = std::str::from_utf8(&rest[..end]).map_err(|_| fmt("header is not text"))?;
        if text.bytes().any(|b| !(0x20..=0x7e).contains(&b)) {
            return Err(fmt("header has non-printable characters"));
        }
        *pos += end + 1;
        Ok(text.to_string())
    };
    if line(&mut pos)? != INTRO {
        return Err(fmt("not age-encryption.org/v1"));
    }
    let mut stanzas = Vec::new();
    loop {
        let start = pos;
        let l = line(&mut pos)?;
        if let Some(mac) = l.strip_prefix("--- ") {
            let mac = decode_b64_no_pad(mac)
                .filter(|m| m.len() == 32)
                .ok_or_else(|| fmt("header MAC is not 32 bytes of base64"))?;
            return Ok((stanzas, start + 3, mac, pos));
        }
        let Some(args) = l.strip_prefix("-> ") else {
            return Err(fmt("expected a stanza or the header MAC"));
        };
        let mut args = args.split(' ').map(str::to_string);
        let kind = args.next().unwrap_or_default();
        let args: Vec<String> = args.collect();
        if kind.is_empty() || args.iter().any(String::is_empty) {
            return Err(fmt("empty stanza argument"));
        }
        let mut body = String::new();
        loop {
            let b = line(&mut pos)?;
            if b.len() > 64 {
                return Err(fmt("stanza body line longer than 64 columns"));
            }
            let last = b.len() < 64;
            body.push_str(&b);
            if last {
                break;
            }
        }
        let body = decode_b64_no_pad(&body).ok_or_else(|| fmt("stanza body is not base64"))?;
        stanzas.push(Stanza { kind, args, body });
    }
}

/// Decrypts the STREAM payload: a 16-byte nonce, then chunks of at most 64 KiB + tag.
fn payload(file_key: &[u8; 16], rest: &[u8]) -> Result<Zeroizing<Vec<u8>>, Error> {
    if rest.len() < 16 {
        return Err(Error::Format("payload nonce missing".into()));
    }
    let (nonce, mut body) = rest.split_at(16);
    let key = hkdf_sha256(nonce, file_key, b"payload");
    let mut out = Zeroizing::new(Vec::with_capacity(body.len()));
    let mut counter: u64 = 0;
    loop {
        let take = body.len().min(CHUNK + TAG);
        let (chunk, next) = body.split_at(take);
        if chunk.len() < TAG {
            return Err(Error::Decrypt("payload truncated"));
        }
        let last = next.is_empty();
        let mut n = [0u8; 12];
        n[3..11].copy_from_slice(&counter.to_be_bytes());
        n[11] = u8::from(last);
        let mut buf = Zeroizing::new(chunk.to_vec());
        let plain = chacha_open(&key, n, &mut buf).ok_or(Error::Decrypt("payload does not authenticate"))?;
        if plain.is_empty() && (counter > 0 || !last) {
            return Err(Error::Decrypt("empty payload chunk"));
        }
        out.extend_from_slice(plain);
        if last {
            return Ok(out);
        }
        counter += 1;
        body = next;
    }
}

/// The binary age file: the armor removed when present (strict base64, 64-column lines).
fn dearmor(file: &[u8]) -> Result<Vec<u8>, Error> {
    let text = match std::str::from_utf8(file) {
        Ok(t) if t.trim_start().starts_with(ARMOR_BEGIN) => t.trim(),
        _ => return Ok(file.to_vec()),
    };
    let fmt = |m: &str| Error::Format(m.to_string());
    let inner = text
        .strip_prefix(ARMOR_BEGIN)
        .and_then(|t| t.strip_suffix(ARMOR_END))
        .ok_or_else(|| fmt("armor without its END line"))?;
    let lines: Vec<&str> = inner.lines().map(|l| l.trim_end_matches('\r')).collect();
    let lines: Vec<&str> = lines
        .iter()
        .copied()
        .skip_while(|l| l.is_empty())
        .collect::<Vec<_>>();
    let mut b64 = String::new();
    let n = lines.iter().rposition(|l| !l.is_empty()).map_or(0, |i| i + 1);
    for (i, l) in lines[..n].iter().enumerate() {
        if l.len() > 64 || (i + 1 < n && l.len() != 64) {
            return Err(fmt("armor lines must be 64 columns"));
        }
        b64.push_str(l);
    }
    STANDARD
        .decode(b64.as_bytes())
        .map_err(|_| fmt("armor is not base64"))
}

fn decode_b64_no_pad(s: &str) -> Option<Vec<u8>> {
    if s.ends_with('=') {
        return None;
    }
    STANDARD_NO_PAD.decode(s.as_bytes()).ok()
}

/// HKDF-SHA256 with a 32-byte output.
fn hkdf_sha256(salt: &[u8], ikm: &[u8], info: &[u8]) -> Zeroizing<[u8; 32]> {
    struct Len;
    impl hkdf::KeyType for Len {
        fn len(&self) -> usize {
            32
        }
    }
    let mut out = Zeroizing::new([0u8; 32]);
    let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, salt).extract(ikm);
    let info = [info];
    // Expanding 32 bytes from SHA-256 never fails (the limit is 255 × 32).
    if let Ok(okm) = prk.expand(&info, Len) {
        let _ = okm.fill(&mut out[..]);
    }
    out
}

/// ChaCha20-Poly1305 open in place; the plaintext (without tag), or `None` if it does not
/// authenticate.
fn chacha_open<'a>(key: &[u8; 32], nonce: [u8; 12], buf: &'a mut [u8]) -> Option<&'a mut [u8]> {
    let key = aead::UnboundKey::new(&aead::CHACHA20_POLY1305, key).ok()?;
    let key = aead::LessSafeKey::new(key);
    key.open_in_place(aead::Nonce::assume_unique_for_key(nonce), aead::Aad::empty(), buf)
        .ok()
        .map(|p| &mut p[..])
}

fn polymod(values: &[u8]) -> u32 {
    const GEN: [u32; 5] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3];
    let mut chk: u32 = 1;
    for v in values {
        let top = chk >> 25;
        chk = ((chk & 0x01ff_ffff) << 5) ^ u32::from(*v);
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

fn hrp_expand(hrp: &str) -> Vec<u8> {
    let mut v: Vec<u8> = hrp.bytes().map(|b| b >> 5).collect();
    v.push(0);
    v.extend(hrp.bytes().map(|b| b & 31));
    v
}

/// Bech32 (not Bech32m) decoding without the 90-character limit, as age uses it.
fn bech32_decode(s: &str) -> Result<(String, Vec<u8>), &'static str> {
    if s.bytes().any(|b| b.is_ascii_lowercase()) && s.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err("mixed case");
    }
    let s = s.to_ascii_lowercase();
    let sep = s.rfind('1').ok_or("no separator")?;
    let (hrp, data) = (&s[..sep], &s[sep + 1..]);
    if hrp.is_empty() || data.len() < 6 || hrp.bytes().any(|b| !(33..=126).contains(&b)) {
        return Err("bad length or characters");
    }
    let mut values = Vec::with_capacity(data.len());
    for c in data.bytes() {
        let v = BECH32_CHARSET
            .iter()
            .position(|x| *x == c)
            .ok_or("invalid character")?;
        values.push(u8::try_from(v).map_err(|_| "invalid character")?);
    }
    let mut all = hrp_expand(hrp);
    all.extend_from_slice(&values);
    if polymod(&all) != 1 {
        return Err("bad checksum");
    }
    let values = &values[..values.len() - 6];
    let mut out = Vec::with_capacity(values.len() * 5 / 8);
    let (mut acc, mut bits) = (0u32, 0u32);
    for v in values {
        acc = (acc << 5) | u32::from(*v);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((acc >> bits) & 0xff).unwrap_or(0));
        }
    }
    if bits >= 5 || (acc & ((1 << bits) - 1)) != 0 {
        return Err("bad padding");
    }
    Ok((hrp.to_string(), out))
}

fn bech32_encode(hrp: &str, data: &[u8]) -> String {
    let mut values = Vec::with_capacity(data.len() * 8 / 5 + 1);
    let (mut acc, mut bits) = (0u32, 0u32);
    for b in data {
        acc = (acc << 8) | u32::from(*b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            values.push(u8::try_from((acc >> bits) & 31).unwrap_or(0));
        }
    }
    if bits > 0 {
        values.push(u8::try_from((acc << (5 - bits)) & 31).unwrap_or(0));
    }
    let mut all = hrp_expand(hrp);
    all.extend_from_slice(&values);
    all.extend_from_slice(&[0; 6]);
    let pm = polymod(&all) ^ 1;
    for i in 0..6 {
        values.push(u8::try_from((pm >> (5 * (5 - i))) & 31).unwrap_or(0));
    }
    let mut s = String::from(hrp);
    s.push('1');
    for v in values {
        s.push(char::from(BECH32_CHARSET[usize::from(v)]));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bech32_round_trips_and_rejects_bad_checksums() {
        let data: Vec<u8> = (0u8..32).collect();
        let s = bech32_encode("age", &data);
        assert_eq!(bech32_decode(&s).unwrap(), ("age".to_string(), data.clone()));
        assert_eq!(bech32_decode(&s.to_ascii_uppercase()).unwrap().1, data);
        let mut bad = s.clone().into_bytes();
        let last = bad.len() - 1;
        bad[last] = if bad[last] == b'q' { b'p' } else { b'q' };
        assert!(bech32_decode(std::str::from_utf8(&bad).unwrap()).is_err());
    }

    #[test]
    fn identities_are_parsed_from_key_files() {
        let secret = [7u8; 32];
        let text = format!(
            "# created: now\n# public key: x\n{}\n\n",
            bech32_encode(SECRET_HRP, &secret).to_ascii_uppercase()
        );
        let ids = Identity::parse_file(&text).unwrap();
        assert_eq!(ids.len(), 1);
        assert!(ids[0].recipient().starts_with("age1"));
        let e = Identity::parse_file("# only comments\n").unwrap_err();
        assert!(e.to_string().contains("no AGE-SECRET-KEY-1"), "{e}");
        let e = Identity::parse_file("AGE-SECRET-KEY-1QQQQ\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 1") && !e.contains("QQQQ"), "{e}");
        let e = Identity::parse(&bech32_encode("age-plugin-yubikey-", &secret)).unwrap_err();
        assert!(e.to_string().contains("only X25519"), "{e}");
    }

    #[test]
    fn malformed_files_are_errors_not_panics() {
        let ids = vec![Identity::parse(&bech32_encode(SECRET_HRP, &[1u8; 32])).unwrap()];
        for input in [
            &b""[..],
            b"age-encryption.org/v1\n",
            b"age-encryption.org/v1\n-> X25519\n\n--- AAAA\n",
            b"age-encryption.org/v1\n--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n",
            b"-----BEGIN AGE ENCRYPTED FILE-----\n!!!\n-----END AGE ENCRYPTED FILE-----\n",
            b"-----BEGIN AGE ENCRYPTED FILE-----\n",
            b"\xff\xfe",
        ] {
            assert!(decrypt(input, &ids).is_err());
        }
    }
}
