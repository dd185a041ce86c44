//! Sprig's certificate and key functions: `genCA`, `genCAWithKey`, `genSelfSignedCert`,
//! `genSelfSignedCertWithKey`, `genSignedCert`, `genSignedCertWithKey`, `buildCustomCert`,
//! `genPrivateKey`. Keys are RSA (2048 bits for certificates, 4096 for `genPrivateKey "rsa"`)
//! as Sprig makes them; certificates are X.509 v3 with the extensions Go's `crypto/x509` writes
//! for Sprig's templates, signed with SHA-256 (PKCS #1 v1.5). Output is random, as in Helm.

use std::collections::BTreeMap;

use base64::Engine as _;
use rand_core::{OsRng, RngCore as _};
use rsa::pkcs1::{DecodeRsaPrivateKey as _, EncodeRsaPrivateKey as _, EncodeRsaPublicKey as _};
use rsa::pkcs8::DecodePrivateKey as _;
use rsa::{Pkcs1v15Sign, RsaPrivateKey};
use sha1::Digest as _;

use super::{arg_int, arg_str};
use crate::helm::template::exec::{Exec, FuncResult};
use crate::helm::template::funcs::FnPtr;
use crate::helm::value::Value;

type F = fn(&mut Exec<'_>, Vec<Value>) -> FuncResult;

/// The certificate functions.
pub fn functions() -> Vec<(&'static str, FnPtr)> {
    let v: Vec<(&'static str, F)> = vec![
        ("genCA", |_, a| {
            let (cn, days) = (arg_str(&a, 0, "genCA")?, arg_int(&a, 1, "genCA")?);
            let key = new_key(2048)?;
            Ok(cert_value(&issue(&cn, &[], &[], days, &key, None, true)?, &key)?)
        }),
        ("genCAWithKey", |_, a| {
            let (cn, days, pem) = (
                arg_str(&a, 0, "genCAWithKey")?,
                arg_int(&a, 1, "genCAWithKey")?,
                arg_str(&a, 2, "genCAWithKey")?,
            );
            let key = parse_key(&pem)?;
            Ok(cert_value(&issue(&cn, &[], &[], days, &key, None, true)?, &key)?)
        }),
        ("genSelfSignedCert", |_, a| {
            let (cn, ips, dns, days) = cert_args(&a, "genSelfSignedCert")?;
            let key = new_key(2048)?;
            Ok(cert_value(
                &issue(&cn, &ips, &dns, days, &key, None, false)?,
                &key,
            )?)
        }),
        ("genSelfSignedCertWithKey", |_, a| {
            let (cn, ips, dns, days) = cert_args(&a, "genSelfSignedCertWithKey")?;
            let key = parse_key(&arg_str(&a, 4, "genSelfSignedCertWithKey")?)?;
            Ok(cert_value(
                &issue(&cn, &ips, &dns, days, &key, None, false)?,
                &key,
            )?)
        }),
        ("genSignedCert", |_, a| {
            let (cn, ips, dns, days) = cert_args(&a, "genSignedCert")?;
            let ca = ca_arg(&a, 4)?;
            let key = new_key(2048)?;
            Ok(cert_value(
                &issue(&cn, &ips, &dns, days, &key, Some(&ca), false)?,
                &key,
            )?)
        }),
        ("genSignedCertWithKey", |_, a| {
            let (cn, ips, dns, days) = cert_args(&a, "genSignedCertWithKey")?;
            let ca = ca_arg(&a, 4)?;
            let key = parse_key(&arg_str(&a, 5, "genSignedCertWithKey")?)?;
            Ok(cert_value(
                &issue(&cn, &ips, &dns, days, &key, Some(&ca), false)?,
                &key,
            )?)
        }),
        ("buildCustomCert", |_, a| {
            let (c, k) = (
                arg_str(&a, 0, "buildCustomCert")?,
                arg_str(&a, 1, "buildCustomCert")?,
            );
            let dec = |s: &str| {
                base64::engine::general_purpose::STANDARD
                    .decode(s)
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
                    .map_err(|e| format!("unable to decode base64: {e}"))
            };
            let (cert, key) = (dec(&c)?, dec(&k)?);
            if pem_block(&cert, "CERTIFICATE").is_none() {
                return Err("unable to decode certificate".into());
            }
            parse_key(&key)?;
            let mut m = BTreeMap::new();
            m.insert("Cert".to_string(), Value::from(cert));
            m.insert("Key".to_string(), Value::from(key));
            Ok(Value::map_from(m))
        }),
        ("genPrivateKey", |_, a| {
            let t = arg_str(&a, 0, "genPrivateKey")?;
            Ok(Value::from(match t.as_str() {
                "rsa" => rsa_pem(&new_key(4096)?)?,
                "ed25519" => {
                    let mut seed = [0u8; 32];
                    OsRng.fill_bytes(&mut seed);
                    let mut der = vec![
                        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22,
                        0x04, 0x20,
                    ];
                    der.extend_from_slice(&seed);
                    pem("PRIVATE KEY", &der)
                }
                "ecdsa" | "dsa" => {
                    return Err(format!(
                        "genPrivateKey {t:?} is not supported by flux-rs yet (UnsupportedFeature)"
                    )
                    .into());
                }
                other => format!("Unknown type {other}"),
            }))
        }),
    ];
    v.into_iter().map(|(n, f)| (n, f as FnPtr)).collect()
}

fn new_key(bits: usize) -> Result<RsaPrivateKey, String> {
    RsaPrivateKey::new(&mut OsRng, bits).map_err(|e| format!("error generating RSA key: {e}"))
}

fn parse_key(pem_text: &str) -> Result<RsaPrivateKey, String> {
    if let Some(der) = pem_block(pem_text, "RSA PRIVATE KEY") {
        return RsaPrivateKey::from_pkcs1_der(&der).map_err(|e| format!("error parsing private key: {e}"));
    }
    if let Some(der) = pem_block(pem_text, "PRIVATE KEY") {
        return RsaPrivateKey::from_pkcs8_der(&der).map_err(|_| {
            "only RSA private keys are supported by flux-rs here (UnsupportedFeature)".to_string()
        });
    }
    Err("error decoding key: no PEM data found".into())
}

fn rsa_pem(key: &RsaPrivateKey) -> Result<String, String> {
    let der = key.to_pkcs1_der().map_err(|e| e.to_string())?;
    Ok(pem("RSA PRIVATE KEY", der.as_bytes()))
}

/// PEM as Go's `encoding/pem` writes it (64-column lines).
fn pem(label: &str, der: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(chunk));
        out.push('\n');
    }
    out.push_str("-----END ");
    out.push_str(label);
    out.push_str("-----\n");
    out
}

fn pem_block(text: &str, label: &str) -> Option<Vec<u8>> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let start = text.find(&begin)? + begin.len();
    let stop = text[start..].find(&end)? + start;
    let body: String = text[start..stop].chars().filter(|c| !c.is_whitespace()).collect();
    base64::engine::general_purpose::STANDARD.decode(body).ok()
}

fn cert_args(a: &[Value], name: &str) -> Result<(String, Vec<String>, Vec<String>, i64), String> {
    let cn = arg_str(a, 0, name)?;
    let list = |i: usize| -> Result<Vec<String>, String> {
        match a.get(i) {
            Some(Value::List(l)) => Ok(l.iter().map(super::strval).collect()),
            Some(Value::Nil | Value::NoValue) | None => Ok(Vec::new()),
            Some(v) => Err(format!(
                "wrong type for value; expected []interface {{}}; got {}",
                v.type_name()
            )),
        }
    };
    Ok((cn, list(1)?, list(2)?, arg_int(a, 3, name)?))
}

struct Ca {
    subject: Vec<u8>,
    key: RsaPrivateKey,
}

fn ca_arg(a: &[Value], i: usize) -> Result<Ca, String> {
    let Some(Value::Map(m)) = a.get(i) else {
        return Err("wrong type for value; expected sprig.certificate".into());
    };
    let m = m.borrow();
    let text = |k: &str| {
        m.get(k)
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or_default()
    };
    let cert = pem_block(&text("Cert"), "CERTIFICATE").ok_or("error parsing CA certificate")?;
    let key = parse_key(&text("Key"))?;
    Ok(Ca {
        subject: cert_subject(&cert).ok_or("error parsing CA certificate")?,
        key,
    })
}

// --- DER -----------------------------------------------------------------------------------

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes: Vec<u8> = n.to_be_bytes().iter().copied().skip_while(|b| *b == 0).collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend_from_slice(&bytes);
    }
    out.extend_from_slice(content);
    out
}

fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

fn uint(bytes: &[u8]) -> Vec<u8> {
    let mut b: Vec<u8> = bytes.iter().copied().skip_while(|x| *x == 0).collect();
    if b.is_empty() || b[0] & 0x80 != 0 {
        b.insert(0, 0);
    }
    tlv(0x02, &b)
}

fn oid(arcs: &[u64]) -> Vec<u8> {
    let mut body = vec![(arcs[0] * 40 + arcs[1]) as u8];
    for &a in &arcs[2..] {
        let mut stack = vec![(a & 0x7f) as u8];
        let mut v = a >> 7;
        while v > 0 {
            stack.push(0x80 | (v & 0x7f) as u8);
            v >>= 7;
        }
        body.extend(stack.iter().rev());
    }
    tlv(0x06, &body)
}

fn name(cn: &str) -> Vec<u8> {
    let printable = cn
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || " '()+,-./:=?".contains(c));
    let value = tlv(if printable { 0x13 } else { 0x0c }, cn.as_bytes());
    seq(&[tlv(0x31, &seq(&[oid(&[2, 5, 4, 3]), value]))])
}

fn time(t: chrono::DateTime<chrono::Utc>) -> Vec<u8> {
    use chrono::Datelike as _;
    if (1950..2050).contains(&t.year()) {
        tlv(0x17, t.format("%y%m%d%H%M%SZ").to_string().as_bytes())
    } else {
        tlv(0x18, t.format("%Y%m%d%H%M%SZ").to_string().as_bytes())
    }
}

fn ext(id: &[u64], critical: bool, value: &[u8]) -> Vec<u8> {
    let mut parts = vec![oid(id)];
    if critical {
        parts.push(vec![0x01, 0x01, 0xff]);
    }
    parts.push(tlv(0x04, value));
    seq(&parts)
}

/// Reads one TLV: (tag, content, total length).
fn read_tlv(b: &[u8]) -> Option<(u8, &[u8], usize)> {
    let tag = *b.first()?;
    let first = *b.get(1)? as usize;
    let (len, hdr) = if first < 0x80 {
        (first, 2)
    } else {
        let n = first & 0x7f;
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for i in 0..n {
            len = (len << 8) | *b.get(2 + i)? as usize;
        }
        (len, 2 + n)
    };
    let content = b.get(hdr..hdr + len)?;
    Some((tag, content, hdr + len))
}

/// The DER of a certificate's subject name.
fn cert_subject(cert: &[u8]) -> Option<Vec<u8>> {
    let (_, body, _) = read_tlv(cert)?;
    let (_, tbs, _) = read_tlv(body)?;
    let mut rest = tbs;
    let mut fields = Vec::new();
    while !rest.is_empty() {
        let (_, _, total) = read_tlv(rest)?;
        fields.push(&rest[..total]);
        rest = &rest[total..];
    }
    // [0] version, serial, signature, issuer, validity, subject
    let offset = usize::from(fields.first()?.first() == Some(&0xa0));
    fields.get(offset + 4).map(|f| f.to_vec())
}

fn key_id(key: &RsaPrivateKey) -> Result<Vec<u8>, String> {
    let der = key.to_public_key().to_pkcs1_der().map_err(|e| e.to_string())?;
    Ok(sha1::Sha1::digest(der.as_bytes()).to_vec())
}

fn issue(
    cn: &str,
    ips: &[String],
    dns: &[String],
    days: i64,
    key: &RsaPrivateKey,
    ca: Option<&Ca>,
    is_ca: bool,
) -> Result<Vec<u8>, String> {
    // A random 128-bit serial, as Sprig draws it (`uint` adds a leading zero when needed).
    let mut serial = [0u8; 16];
    OsRng.fill_bytes(&mut serial);
    let now = chrono::Utc::now();
    let not_after = now + chrono::Duration::days(days.clamp(-3_650_000, 3_650_000));
    let sig_alg = seq(&[oid(&[1, 2, 840, 113_549, 1, 1, 11]), vec![0x05, 0x00]]);
    let subject = name(cn);
    let issuer = ca.map_or_else(|| subject.clone(), |c| c.subject.clone());
    let pub_der = key.to_public_key().to_pkcs1_der().map_err(|e| e.to_string())?;
    let mut bits = vec![0u8];
    bits.extend_from_slice(pub_der.as_bytes());
    let spki = seq(&[
        seq(&[oid(&[1, 2, 840, 113_549, 1, 1, 1]), vec![0x05, 0x00]]),
        tlv(0x03, &bits),
    ]);
    // Key usage: digitalSignature | keyEncipherment (| keyCertSign for a CA).
    let key_usage = if is_ca {
        vec![0x03, 0x02, 0x02, 0xa4]
    } else {
        vec![0x03, 0x02, 0x05, 0xa0]
    };
    let mut exts = vec![
        ext(&[2, 5, 29, 15], true, &key_usage),
        ext(
            &[2, 5, 29, 37],
            false,
            &seq(&[
                oid(&[1, 3, 6, 1, 5, 5, 7, 3, 1]),
                oid(&[1, 3, 6, 1, 5, 5, 7, 3, 2]),
            ]),
        ),
        ext(
            &[2, 5, 29, 19],
            true,
            &seq(&if is_ca {
                vec![vec![0x01, 0x01, 0xff]]
            } else {
                Vec::new()
            }),
        ),
    ];
    if is_ca {
        exts.push(ext(&[2, 5, 29, 14], false, &tlv(0x04, &key_id(key)?)));
    }
    if let Some(c) = ca {
        exts.push(ext(&[2, 5, 29, 35], false, &seq(&[tlv(0x80, &key_id(&c.key)?)])));
    }
    if !ips.is_empty() || !dns.is_empty() {
        let mut names = Vec::new();
        for d in dns {
            names.push(tlv(0x82, d.as_bytes()));
        }
        for ip in ips {
            let addr: std::net::IpAddr = ip.parse().map_err(|_| format!("error parsing ip: {ip}"))?;
            match addr {
                std::net::IpAddr::V4(v4) => names.push(tlv(0x87, &v4.octets())),
                std::net::IpAddr::V6(v6) => names.push(tlv(0x87, &v6.octets())),
            }
        }
        exts.push(ext(&[2, 5, 29, 17], false, &seq(&names)));
    }
    let tbs = seq(&[
        tlv(0xa0, &[0x02, 0x01, 0x02]),
        uint(&serial),
        sig_alg.clone(),
        issuer,
        seq(&[time(now), time(not_after)]),
        subject,
        spki,
        tlv(0xa3, &seq(&exts)),
    ]);
    let signer = ca.map_or(key, |c| &c.key);
    let sig = signer
        .sign(Pkcs1v15Sign::new_unprefixed(), &digest_info(&tbs))
        .map_err(|e| format!("error signing certificate: {e}"))?;
    let mut sig_bits = vec![0u8];
    sig_bits.extend_from_slice(&sig);
    Ok(seq(&[tbs, sig_alg, tlv(0x03, &sig_bits)]))
}

/// PKCS #1 DigestInfo of SHA-256(data).
fn digest_info(data: &[u8]) -> Vec<u8> {
    let mut out = vec![
        0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00,
        0x04, 0x20,
    ];
    out.extend_from_slice(&sha2::Sha256::digest(data));
    out
}

fn cert_value(der: &[u8], key: &RsaPrivateKey) -> Result<Value, String> {
    let mut m = BTreeMap::new();
    m.insert("Cert".to_string(), Value::from(pem("CERTIFICATE", der)));
    m.insert("Key".to_string(), Value::from(rsa_pem(key)?));
    Ok(Value::map_from(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certificates_chain_to_their_ca() {
        let ca_key = new_key(1024).unwrap();
        let ca_der = issue("my-ca", &[], &[], 30, &ca_key, None, true).unwrap();
        assert_eq!(cert_subject(&ca_der).unwrap(), name("my-ca"));
        let ca = Ca {
            subject: cert_subject(&ca_der).unwrap(),
            key: ca_key.clone(),
        };
        let key = new_key(1024).unwrap();
        let der = issue(
            "svc",
            &["10.0.0.1".into()],
            &["svc.example.org".into()],
            30,
            &key,
            Some(&ca),
            false,
        )
        .unwrap();
        // The signature verifies with the CA's public key.
        let (_, body, _) = read_tlv(&der).unwrap();
        let (_, _, tbs_len) = read_tlv(body).unwrap();
        let tbs = &body[..tbs_len];
        let rest = &body[tbs_len..];
        let (_, _, alg_len) = read_tlv(rest).unwrap();
        let (_, sig, _) = read_tlv(&rest[alg_len..]).unwrap();
        ca_key
            .to_public_key()
            .verify(Pkcs1v15Sign::new_unprefixed(), &digest_info(tbs), &sig[1..])
            .unwrap();
        let p = pem("CERTIFICATE", &der);
        assert!(p.lines().all(|l| l.len() <= 64));
        assert_eq!(pem_block(&p, "CERTIFICATE").unwrap(), der);
    }
}
