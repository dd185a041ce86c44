//! Property tests of the template engine: any input parses or fails with an error, and any
//! parsed template executes or fails with an error, within the limits (no panic, no stack
//! overflow, bounded output).

use flux_rs::helm::template::exec::{Exec, Limits, Templates};
use flux_rs::helm::template::parse;
use flux_rs::helm::value::Value;

/// xorshift64*: deterministic, so a failure is reproducible from the case number.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[usize::try_from(self.next() % v.len() as u64).unwrap_or(0)]
    }
}

const PIECES: &[&str] = &[
    "{{",
    "}}",
    "{{-",
    "-}}",
    " ",
    "\n",
    ".",
    ".Values",
    ".a",
    "$",
    "$x",
    ":=",
    "=",
    "|",
    "(",
    ")",
    "\"s\"",
    "`r`",
    "'c'",
    "1",
    "-2",
    "1.5",
    "0x1F",
    "1e3",
    "if",
    "else",
    "end",
    "range",
    "with",
    "define",
    "template",
    "block",
    "break",
    "continue",
    "nil",
    "true",
    "include",
    "tpl",
    "printf",
    "\"%v %d\"",
    "toYaml",
    "list",
    "dict",
    "index",
    "len",
    "eq",
    "and",
    "or",
    "not",
    "default",
    "required",
    "fail",
    "quote",
    "/*",
    "*/",
    ",",
    "\"t\"",
    "x",
    "$i",
    "until",
    "5",
    "fromYaml",
    "merge",
    "set",
    "toJson",
    "slice",
    "upper",
    "trunc",
    "nindent",
    "2",
    "semverCompare",
    "\">=1\"",
    "regexMatch",
    "\"[\"",
    "b64dec",
    "{{ define \"t\" }}{{ include \"t\" . }}{{ end }}",
];

#[test]
fn random_templates_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let limits = Limits {
        max_depth: 200,
        max_output: 1 << 20,
    };
    for _ in 0..20_000 {
        let n = 1 + rng.next() % 24;
        let mut text = String::new();
        for _ in 0..n {
            text.push_str(rng.pick(PIECES));
        }
        let Ok(parsed) = parse::parse("fuzz", &text) else {
            continue;
        };
        let mut set = Templates::default();
        set.add(parsed);
        let mut exec = Exec::new(&set, limits);
        let data = Value::from_json(
            &serde_json::json!({"Values": {"a": [1, "x", {"b": null}]}, "a": 2}),
            false,
        );
        let _ = exec.execute("fuzz", data);
    }
}

#[test]
fn hostile_templates_hit_limits_instead_of_crashing() {
    // The CLI renders on a thread with a large stack; do the same here.
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(hostile)
        .unwrap()
        .join()
        .unwrap();
}

fn hostile() {
    let limits = Limits {
        max_depth: 100,
        max_output: 1 << 16,
    };
    let cases = [
        "{{ define \"r\" }}{{ template \"r\" . }}{{ end }}{{ template \"r\" . }}",
        "{{ define \"r\" }}{{ include \"r\" . }}{{ end }}{{ include \"r\" . }}",
        "{{ range until 100000 }}xxxxxxxxxxxxxxxx{{ end }}",
        "{{ $d := dict }}{{ $_ := set $d \"self\" $d }}{{ toJson $d }}{{ $d }}",
        &format!("{}1{}", "{{ (".repeat(2000), ") }}".repeat(2000)),
        &"{{ if 1 }}".repeat(5000),
    ];
    for (i, text) in cases.iter().enumerate() {
        let Ok(parsed) = parse::parse("hostile", text) else {
            continue;
        };
        let mut set = Templates::default();
        set.add(parsed);
        let mut exec = Exec::new(&set, limits);
        let r = exec.execute("hostile", Value::Nil);
        assert!(r.is_err() || r.is_ok_and(|s| s.len() <= (1 << 16)), "case {i}");
    }
}
