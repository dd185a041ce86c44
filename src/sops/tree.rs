//! SOPS-encrypted YAML and JSON documents, decrypted in the build's node trees.
//!
//! SOPS encrypts a multi-document file as one tree: every document carries the same `sops`
//! metadata and one MAC covers the values of all of them, in order. Documents are therefore
//! grouped by their MAC (a file made by concatenating separately encrypted files holds
//! several groups; documents without metadata are plain) and each group is decrypted and
//! verified as one.

use serde_json::Value;
use zeroize::Zeroizing;

use super::cipher::{Mac, Plain, Rules, decrypt_value, go_float, is_encrypted};
use super::metadata::Metadata;
use super::{Error, Keys, MASK};
use crate::yaml::{Node, NodeKind, Style};

/// The index of the `sops` entry of a document: a mapping with any of SOPS's `mac`,
/// `lastmodified` or `version` (a file whose MAC was removed is still encrypted).
fn sops_entry(doc: &Node) -> Option<usize> {
    let NodeKind::Map(entries) = &doc.kind else {
        return None;
    };
    entries.iter().position(|(k, v)| {
        k.as_scalar() == Some("sops")
            && matches!(&v.kind, NodeKind::Map(m) if m.iter().any(|(k, _)| matches!(k.as_scalar(), Some("mac" | "lastmodified" | "version"))))
    })
}

/// The documents of each MAC group, in file order, with the group's metadata node.
fn groups(docs: &[Node]) -> Vec<(Vec<usize>, Node)> {
    let mut out: Vec<(String, Vec<usize>, Node)> = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        let Some(e) = sops_entry(d) else { continue };
        let NodeKind::Map(entries) = &d.kind else { continue };
        let meta = entries[e].1.clone();
        let mac = meta
            .get("mac")
            .and_then(Node::as_scalar)
            .unwrap_or("")
            .to_string();
        match out.iter_mut().find(|(m, _, _)| *m == mac) {
            Some((_, idx, _)) => idx.push(i),
            None => out.push((mac, vec![i], meta)),
        }
    }
    out.into_iter().map(|(_, i, m)| (i, m)).collect()
}

/// Whether any document carries SOPS metadata.
pub fn is_encrypted_documents(docs: &[Node]) -> bool {
    docs.iter().any(|d| sops_entry(d).is_some())
}

fn remove_sops(doc: &mut Node) {
    if let Some(e) = sops_entry(doc)
        && let NodeKind::Map(entries) = &mut doc.kind
    {
        entries.remove(e);
    }
}

fn metadata(node: &Node) -> Result<Metadata, Error> {
    let v = crate::yaml::to_json(node).map_err(|e| Error::Format(format!("sops metadata: {}", e.message)))?;
    Metadata::parse(&v)
}

/// Decrypts every SOPS-encrypted document in place (the `sops` metadata removed) and checks
/// each group's MAC. Returns whether anything was encrypted.
pub fn decrypt_documents(docs: &mut [Node], keys: &Keys) -> Result<bool, Error> {
    decrypt_documents_except(docs, keys, |_| false)
}

/// [`decrypt_documents`], leaving the documents `keep` selects encrypted: a group of only
/// such documents is not touched (no key needed); in a group with others, the whole group is
/// still verified and the kept documents restored as they were.
pub fn decrypt_documents_except(
    docs: &mut [Node],
    keys: &Keys,
    keep: impl Fn(&Node) -> bool,
) -> Result<bool, Error> {
    let groups = groups(docs);
    for (indices, meta) in &groups {
        let kept: Vec<(usize, Node)> = indices
            .iter()
            .filter(|&&i| keep(&docs[i]))
            .map(|&i| (i, docs[i].clone()))
            .collect();
        if kept.len() == indices.len() {
            continue;
        }
        let meta = metadata(meta)?;
        let key = meta.data_key(keys)?;
        let mut walk = Walk {
            rules: &meta.rules,
            key: Some(&key),
            mac: Mac::new(&meta.rules),
            mask: None,
        };
        for &i in indices {
            remove_sops(&mut docs[i]);
            walk.node(&mut docs[i], &mut Vec::new())?;
        }
        walk.mac.verify(&meta.mac, &key, &meta.last_modified)?;
        for (i, original) in kept {
            docs[i] = original;
        }
    }
    Ok(!groups.is_empty())
}

/// Replaces every encrypted value with a mask (the `sops` metadata removed), for showing
/// encrypted documents without a key: `data`/`binaryData` of a Secret get the base64 of
/// [`MASK`] so the object stays valid, other values get [`MASK`] itself. Returns whether
/// anything was encrypted.
pub fn mask_documents(docs: &mut [Node]) -> Result<bool, Error> {
    mask_documents_except(docs, |_| false)
}

/// [`mask_documents`], leaving the documents `keep` selects as they are.
pub fn mask_documents_except(docs: &mut [Node], keep: impl Fn(&Node) -> bool) -> Result<bool, Error> {
    let groups = groups(docs);
    for (indices, meta) in &groups {
        let meta = metadata(meta)?;
        for &i in indices {
            if keep(&docs[i]) {
                continue;
            }
            remove_sops(&mut docs[i]);
            let secret = docs[i].get("kind").and_then(Node::as_scalar) == Some("Secret");
            let mut walk = Walk {
                rules: &meta.rules,
                key: None,
                mac: Mac::new(&meta.rules),
                mask: Some(secret),
            };
            walk.node(&mut docs[i], &mut Vec::new())?;
        }
    }
    Ok(!groups.is_empty())
}

struct Walk<'a> {
    rules: &'a Rules,
    key: Option<&'a Zeroizing<[u8; 32]>>,
    mac: Mac,
    /// Masking instead of decrypting; `Some(true)` for a Secret.
    mask: Option<bool>,
}

impl Walk<'_> {
    fn node(&mut self, node: &mut Node, path: &mut Vec<String>) -> Result<(), Error> {
        let at = |path: &[String], node: &Node, e: Error| Error::At {
            path: path.join("."),
            line: node.mark.line,
            source: Box::new(e),
        };
        match &mut node.kind {
            NodeKind::Map(entries) => {
                for (k, v) in entries.iter_mut() {
                    let Some(key) = k.as_scalar() else {
                        return Err(at(path, k, Error::Format("a mapping key is not a string".into())));
                    };
                    path.push(key.to_string());
                    self.node(v, path)?;
                    path.pop();
                }
                Ok(())
            }
            NodeKind::Seq(items) => {
                for item in items.iter_mut() {
                    self.node(item, path)?;
                }
                Ok(())
            }
            NodeKind::Scalar { .. } => {
                let value =
                    crate::yaml::to_json(node).map_err(|e| at(path, node, Error::Format(e.message)))?;
                let encrypted = self.rules.encrypted(path);
                if value.is_null() {
                    return Ok(());
                }
                if let Some(secret) = self.mask {
                    if encrypted && value.as_str().is_some_and(is_encrypted) {
                        let data =
                            secret && matches!(path.first().map(String::as_str), Some("data" | "binaryData"));
                        *node = string_node(&mask_text(data), node);
                    }
                    return Ok(());
                }
                if !encrypted {
                    self.mac.add(&mac_bytes(&value), false);
                    return Ok(());
                }
                let Value::String(s) = &value else {
                    return Err(at(
                        path,
                        node,
                        Error::Format("the value should be encrypted but is not a string".into()),
                    ));
                };
                let Some(key) = self.key else { return Ok(()) };
                let aad = format!("{}:", path.join(":"));
                let plain = decrypt_value(s, key, &aad).map_err(|e| at(path, node, e))?;
                if let Plain::Float(f) = plain
                    && !f.is_finite()
                {
                    return Err(at(
                        path,
                        node,
                        Error::Format("a decrypted float is not a finite number".into()),
                    ));
                }
                self.mac.add(&plain.mac_bytes(), true);
                *node = plain_node(&plain, node);
                Ok(())
            }
        }
    }
}

/// The mask shown for an encrypted value (base64-encoded for Secret data).
pub fn mask_text(base64: bool) -> String {
    use base64::Engine as _;
    if base64 {
        base64::engine::general_purpose::STANDARD.encode(MASK)
    } else {
        MASK.to_string()
    }
}

/// The bytes the MAC covers for an unencrypted value, as SOPS converts it.
pub fn mac_bytes(v: &Value) -> Vec<u8> {
    match v {
        Value::String(s) => s.as_bytes().to_vec(),
        Value::Bool(true) => b"True".to_vec(),
        Value::Bool(false) => b"False".to_vec(),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.to_string().into_bytes(),
            (None, Some(u), _) => u.to_string().into_bytes(),
            (None, None, Some(f)) => go_float(f).into_bytes(),
            _ => n.to_string().into_bytes(),
        },
        _ => Vec::new(),
    }
}

fn string_node(text: &str, at: &Node) -> Node {
    Node {
        kind: NodeKind::Scalar {
            text: text.to_string(),
            style: Style::DoubleQuoted,
        },
        tag: None,
        mark: at.mark,
    }
}

fn plain_node(plain: &Plain, at: &Node) -> Node {
    let (text, style) = match plain {
        Plain::Bytes(_) => return string_node(&plain.text(), at),
        Plain::Int(i) => (i.to_string(), Style::Plain),
        Plain::Float(f) if f.is_nan() => (".nan".to_string(), Style::Plain),
        Plain::Float(f) if f.is_infinite() => (
            (if *f > 0.0 { ".inf" } else { "-.inf" }).to_string(),
            Style::Plain,
        ),
        // As kustomize-controller sees it after SOPS writes it as JSON: `1` for 1.0.
        Plain::Float(f) => (go_float(*f), Style::Plain),
        Plain::Bool(b) => (b.to_string(), Style::Plain),
    };
    Node {
        kind: NodeKind::Scalar { text, style },
        tag: None,
        mark: at.mark,
    }
}
