//! Decryption of files made by the real `sops` 3.11 and `age-keygen`
//! (`scripts/sops-fixtures`), compared with what `sops decrypt` wrote for them.

use super::*;

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("../../tests/fixtures/sops/", $name))
    };
}

macro_rules! fixture_bytes {
    ($name:literal) => {
        include_bytes!(concat!("../../tests/fixtures/sops/", $name))
    };
}

/// Every plaintext value of the fixtures that must never show up where it should not.
const SECRETS: &[&str] = &[
    "s3cr3t-fixture-password",
    "Zml4dHVyZS10b2tlbg==",
    "fixture-mode-plaintext",
    "json-fixture-password",
    "suffix-fixture-password",
    "env-fixture-password",
    "fixture-binary-payload",
    "file-json-fixture-password",
    "file-yaml-fixture-password",
];

fn keys(files: &[&str]) -> Keys {
    let mut k = Keys::new();
    for f in files {
        k.add_key_file(f).unwrap();
    }
    k
}

fn age1() -> Keys {
    keys(&[fixture!("keys/age1.agekey")])
}

fn decrypt_yaml(text: &str, keys: &Keys) -> Result<Vec<Value>, Error> {
    let mut docs = crate::yaml::load_all(text).unwrap();
    decrypt_documents(&mut docs, keys)?;
    Ok(docs
        .iter()
        .filter(|d| !d.is_null())
        .map(|d| crate::yaml::to_json(d).unwrap())
        .collect())
}

fn expected(text: &str) -> Vec<Value> {
    crate::yaml::from_str_json(text).unwrap()
}

fn assert_no_secret(text: &str) {
    for s in SECRETS {
        assert!(!text.contains(s), "{s:?} leaked into: {text}");
    }
}

#[test]
fn manifests_decrypt_as_sops_decrypts_them() {
    let k = age1();
    for (enc, dec) in [
        (
            fixture!("secret-regex.enc.yaml"),
            fixture!("expected/secret-regex.yaml"),
        ),
        (
            fixture!("secret-unregex.enc.yaml"),
            fixture!("expected/secret-unregex.yaml"),
        ),
        (
            fixture!("secret-maconly.enc.yaml"),
            fixture!("expected/secret-maconly.yaml"),
        ),
        (
            fixture!("suffix-default.enc.yaml"),
            fixture!("expected/suffix-default.yaml"),
        ),
        (
            fixture!("suffix-encrypted.enc.yaml"),
            fixture!("expected/suffix-encrypted.yaml"),
        ),
    ] {
        let got = decrypt_yaml(enc, &k).unwrap();
        assert_eq!(got, expected(dec));
        assert!(got.iter().all(|d| d.get("sops").is_none()));
    }
    let docs = decrypt_yaml(fixture!("secret-regex.enc.yaml"), &k).unwrap();
    assert_eq!(docs.len(), 2, "both documents of the file");
    assert_eq!(docs[0]["stringData"]["password"], "s3cr3t-fixture-password");
    assert_eq!(
        docs[0]["stringData"]["port"], 5432,
        "typed values keep their type"
    );
    assert_eq!(docs[0]["stringData"]["ratio"], 1.5);
    assert_eq!(docs[0]["stringData"]["enabled"], true);
    assert_eq!(docs[0]["stringData"]["empty"], "");
    assert_eq!(docs[1]["data"]["multi"], "line one\nline two\n");
}

#[test]
fn any_recipient_of_several_opens_the_file() {
    let k = keys(&[fixture!("keys/wrong.agekey"), fixture!("keys/age2.agekey")]);
    let got = decrypt_yaml(fixture!("secret-regex.enc.yaml"), &k).unwrap();
    assert_eq!(got, expected(fixture!("expected/secret-regex.yaml")));
    let got = decrypt_yaml(fixture!("all.enc.json"), &k).unwrap();
    assert_eq!(got, expected(fixture!("expected/all.json")));
    assert_eq!(
        got[0]["stringData"]["list"],
        serde_json::json!(["a", 1, 2.5, false])
    );
}

#[test]
fn generator_sources_decrypt_to_the_bytes_sops_writes() {
    let k = age1();
    for (enc, format, dec) in [
        (
            &fixture_bytes!("app.enc.env")[..],
            Format::Dotenv,
            &fixture_bytes!("expected/app.env")[..],
        ),
        (
            fixture_bytes!("blob.enc.bin"),
            Format::Binary,
            fixture_bytes!("expected/blob.bin"),
        ),
        (
            fixture_bytes!("config.enc.json"),
            Format::Json,
            fixture_bytes!("expected/config.json"),
        ),
        (
            fixture_bytes!("config.enc.yaml"),
            Format::Yaml,
            fixture_bytes!("expected/config.yaml"),
        ),
    ] {
        let got = decrypt_file(enc, format, &k).unwrap().expect("encrypted");
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(dec),
            "{format:?}"
        );
        assert_eq!(&got[..], dec, "{format:?}");
    }
    assert!(decrypt_file(b"A=1\n", Format::Dotenv, &k).unwrap().is_none());
    assert!(
        decrypt_file(fixture_bytes!("plain/config.json"), Format::Json, &k)
            .unwrap()
            .is_none()
    );
}

#[test]
fn formats_follow_file_names() {
    assert_eq!(Format::for_path("app.env"), Format::Dotenv);
    assert_eq!(Format::for_path("x.json"), Format::Json);
    assert_eq!(Format::for_path("x.JSON"), Format::Binary);
    assert_eq!(Format::for_path(".dockerconfigjson"), Format::Json);
    assert_eq!(Format::for_path("a.yml"), Format::Yaml);
    assert_eq!(Format::for_path("key.pem"), Format::Binary);
}

#[test]
fn tampering_fails_without_revealing_values() {
    let k = age1();
    let e = decrypt_yaml(fixture!("tampered-mac.enc.yaml"), &k).unwrap_err();
    assert!(matches!(e, Error::Mac), "{e}");
    let e = decrypt_yaml(fixture!("tampered-value.enc.yaml"), &k).unwrap_err();
    let msg = e.to_string();
    assert!(msg.starts_with("stringData.password (line 9):"), "{msg}");
    assert!(msg.contains("does not decrypt"), "{msg}");
    assert_no_secret(&msg);
    let mut env = fixture!("app.enc.env").to_string();
    env = env.replacen("EMPTY=\n", "EMPTY=\nNOTE_unencrypted=added\n", 1);
    let e = decrypt_file(env.as_bytes(), Format::Dotenv, &k).unwrap_err();
    assert!(matches!(e, Error::Mac), "{e}");
}

#[test]
fn a_wrong_or_missing_key_names_what_the_file_offers() {
    let wrong = keys(&[fixture!("keys/wrong.agekey")]);
    let e = decrypt_yaml(fixture!("secret-regex.enc.yaml"), &wrong)
        .unwrap_err()
        .to_string();
    let r1 = age1().recipients()[0].clone();
    let r2 = keys(&[fixture!("keys/age2.agekey")]).recipients()[0].clone();
    assert!(e.contains("the age identity given does not match"), "{e}");
    assert!(
        e.contains(&format!("age ({r1})")) && e.contains(&format!("age ({r2})")),
        "{e}"
    );
    let e = decrypt_yaml(fixture!("secret-regex.enc.yaml"), &Keys::new())
        .unwrap_err()
        .to_string();
    assert!(e.contains("no age identity was given"), "{e}");
    let e = decrypt_yaml(fixture!("pgp-only.enc.yaml"), &age1())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("encrypted for pgp (") && e.contains("age keys only"),
        "{e}"
    );
    let e = decrypt_file(fixture_bytes!("app.enc.env"), Format::Dotenv, &wrong)
        .unwrap_err()
        .to_string();
    assert!(e.contains(&format!("age ({r1})")), "{e}");
}

#[test]
fn without_a_key_encrypted_values_are_masked() {
    let mut docs = crate::yaml::load_all(fixture!("secret-regex.enc.yaml")).unwrap();
    assert!(mask_documents(&mut docs).unwrap());
    let docs: Vec<Value> = docs.iter().map(|d| crate::yaml::to_json(d).unwrap()).collect();
    assert_eq!(docs[0]["stringData"]["password"], MASK);
    assert_eq!(
        docs[0]["data"]["token"], "KipTT1BTKio=",
        "base64 of the mask in Secret data"
    );
    assert_eq!(docs[0]["metadata"]["name"], "db");
    assert_eq!(docs[1]["data"]["mode"], MASK);
    assert!(docs.iter().all(|d| d.get("sops").is_none()));
    let env = mask_file(fixture_bytes!("app.enc.env"), Format::Dotenv)
        .unwrap()
        .unwrap();
    assert_eq!(
        String::from_utf8(env).unwrap(),
        "DB_USER=**SOPS**\nDB_PASSWORD=**SOPS**\nMULTI=**SOPS**\nEMPTY=\n"
    );
    let blob = mask_file(fixture_bytes!("blob.enc.bin"), Format::Binary)
        .unwrap()
        .unwrap();
    assert_eq!(blob, MASK.as_bytes());
}

#[test]
fn key_files_and_debug_output_do_not_show_secrets() {
    let k = age1();
    let debug = format!("{k:?}");
    assert_eq!(debug, "Keys(1 age identities)");
    let e = Keys::new()
        .add_key_file("AGE-SECRET-KEY-1NOTAKEY\n")
        .unwrap_err()
        .to_string();
    assert!(!e.contains("NOTAKEY"), "{e}");
}

#[test]
fn garbage_never_panics() {
    let k = age1();
    let base = fixture!("secret-regex.enc.yaml");
    // Cut the file at many places and flip bytes: every outcome is an error or a result.
    for cut in (0..base.len()).step_by(97) {
        if let Ok(mut docs) = crate::yaml::load_all(&base[..cut]) {
            let _ = decrypt_documents(&mut docs, &k);
        }
        let _ = decrypt_file(&base.as_bytes()[..cut], Format::Yaml, &k);
    }
    for f in [Format::Dotenv, Format::Binary, Format::Json, Format::Yaml] {
        for input in [
            &b"sops_mac=ENC[\n"[..],
            b"{\"data\": 1, \"sops\": {\"mac\": \"ENC[\"}}",
            b"{\"sops\": {\"mac\": \"ENC[\", \"age\": 3}}",
            b"mac: ENC[\nsops: {mac: 'ENC[', age: [{enc: x}], lastmodified: x}\n",
            b"sops_age__list_x__map_enc=1\nsops_mac=ENC[\n",
        ] {
            let _ = decrypt_file(input, f, &k);
            let _ = mask_file(input, f);
        }
    }
}

#[test]
fn a_file_without_its_mac_is_still_encrypted() {
    let text = fixture!("secret-regex.enc.yaml")
        .lines()
        .filter(|l| !l.starts_with("    mac: "))
        .collect::<Vec<_>>()
        .join("\n");
    let mut docs = crate::yaml::load_all(&text).unwrap();
    assert!(is_encrypted_documents(&docs));
    let e = decrypt_documents(&mut docs, &age1()).unwrap_err().to_string();
    assert!(e.contains("no MAC"), "{e}");
    let obj = serde_json::json!({"kind": "Secret", "sops": {"lastmodified": "x"}});
    assert!(is_encrypted_object(&obj));
    assert!(!is_encrypted_object(
        &serde_json::json!({"kind": "Secret", "sops": "text"})
    ));
}

/// Random byte changes, deletions and duplications of every fixture (a fixed-seed
/// xorshift, so a failure reproduces): each outcome is a result or an error, never a panic.
#[test]
fn mutated_files_never_panic() {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let k = age1();
    let inputs: [(&[u8], Format); 7] = [
        (fixture_bytes!("secret-regex.enc.yaml"), Format::Yaml),
        (fixture_bytes!("all.enc.json"), Format::Json),
        (fixture_bytes!("app.enc.env"), Format::Dotenv),
        (fixture_bytes!("blob.enc.bin"), Format::Binary),
        (fixture_bytes!("config.enc.json"), Format::Json),
        (fixture_bytes!("config.enc.yaml"), Format::Yaml),
        (fixture_bytes!("secret-maconly.enc.yaml"), Format::Yaml),
    ];
    let mut decrypted = 0;
    for round in 0..700 {
        let (input, format) = inputs[round % inputs.len()];
        let mut data = input.to_vec();
        for _ in 0..=(next() % 4) {
            let len = data.len().max(1);
            let at = usize::try_from(next() % len as u64).unwrap();
            match next() % 3 {
                0 if at < data.len() => data[at] = u8::try_from(next() % 256).unwrap(),
                1 if at < data.len() => {
                    data.remove(at);
                }
                _ => {
                    let end = (at + 8).min(data.len());
                    let copy = data[at.min(end)..end].to_vec();
                    data.splice(at.min(data.len())..at.min(data.len()), copy);
                }
            }
        }
        if decrypt_file(&data, format, &k).is_ok_and(|r| r.is_some()) {
            decrypted += 1;
        }
        let _ = mask_file(&data, format);
        if let Ok(text) = std::str::from_utf8(&data)
            && let Ok(docs) = crate::yaml::load_all(text)
        {
            let _ = decrypt_documents(&mut docs.clone(), &k);
            let _ = mask_documents(&mut docs.clone());
        }
    }
    // Changes in base64 padding or comments can leave a file valid; most are caught.
    assert!(decrypted < 700 / 2, "{decrypted} mutated files still decrypted");
}

#[test]
fn a_data_key_split_over_key_groups_needs_the_threshold() {
    let text = fixture!("shamir.enc.yaml");
    let want = expected(fixture!("expected/shamir.yaml"));
    let two = keys(&[fixture!("keys/age1.agekey"), fixture!("keys/age2.agekey")]);
    assert_eq!(decrypt_yaml(text, &two).unwrap(), want);
    let other_two = keys(&[fixture!("keys/wrong.agekey"), fixture!("keys/age2.agekey")]);
    assert_eq!(decrypt_yaml(text, &other_two).unwrap(), want, "any two groups");
    let e = decrypt_yaml(text, &age1()).unwrap_err().to_string();
    assert!(
        e.contains("split over 3 key groups and 2 are needed, but the age identities given open 1"),
        "{e}"
    );
}
