#!/usr/bin/env python3
"""Adapt the vendored github.com/modern-go/reflect2 v1.0.1 to Go >= 1.18.

Since Go 1.18, reflect.mapiterinit no longer allocates and returns the map
iterator: the caller passes a pointer to a full runtime `hiter`, which the
runtime fills in. reflect2 1.0.1 still declares the old signature and a
two-field struct, so with Debian's Go 1.19 kube-apiserver crashes the first
time json-iterator iterates a map (any pretty-printed or YAML response).

Usage: patch-reflect2.py <path to vendor/github.com/modern-go/reflect2>
"""
import pathlib
import sys

MARKER = "// flux-rs: go1.18 mapiterinit"

OLD_DECL = "func mapiterinit(rtype unsafe.Pointer, m unsafe.Pointer) *hiter\n"
NEW_DECL = MARKER + "\nfunc mapiterinit(rtype unsafe.Pointer, m unsafe.Pointer, it *hiter)\n"

OLD_HITER_FIELDS = "\t// rest fields are ignored\n"
NEW_HITER_FIELDS = """\t// The runtime writes every field below: the struct must match runtime.hiter.
\tt           unsafe.Pointer
\th           unsafe.Pointer
\tbuckets     unsafe.Pointer
\tbptr        unsafe.Pointer
\toverflow    *[]unsafe.Pointer
\toldoverflow *[]unsafe.Pointer
\tstartBucket uintptr
\toffset      uint8
\twrapped     bool
\tB           uint8
\ti           uint8
\tbucket      uintptr
\tcheckBucket uintptr
"""

OLD_ITERATE = """\treturn &UnsafeMapIterator{
\t\thiter:      mapiterinit(type2.rtype, *(*unsafe.Pointer)(obj)),
"""
NEW_ITERATE = """\tvar it hiter
\tmapiterinit(type2.rtype, *(*unsafe.Pointer)(obj), &it)
\treturn &UnsafeMapIterator{
\t\thiter:      &it,
"""


def replace_once(path: pathlib.Path, old: str, new: str) -> None:
    text = path.read_text()
    if text.count(old) != 1:
        sys.exit(f"patch-reflect2: expected exactly one match in {path} for:\n{old}")
    path.write_text(text.replace(old, new))


def main() -> None:
    root = pathlib.Path(sys.argv[1])
    link = root / "unsafe_link.go"
    if MARKER in link.read_text():
        return
    replace_once(link, OLD_DECL, NEW_DECL)
    replace_once(link, OLD_HITER_FIELDS, NEW_HITER_FIELDS)
    replace_once(root / "unsafe_map.go", OLD_ITERATE, NEW_ITERATE)


if __name__ == "__main__":
    main()
