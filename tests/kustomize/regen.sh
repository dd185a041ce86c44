#!/usr/bin/env bash
# Regenerates expected.yaml of the golden cases with the reference implementation
# (`kubectl kustomize`, kustomize v5.5.0). Run by hand, once per new case: the test suite
# and CI never call kubectl. Error cases (expected-error.txt) are skipped.
#
#   tests/kustomize/regen.sh            # every case without expected.yaml
#   tests/kustomize/regen.sh 13-images  # one case (overwrites)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/cases"
kubectl version --client 2>/dev/null | grep -q 'Kustomize Version: v5.5.0' || {
  echo "kubectl with kustomize v5.5.0 is required" >&2; exit 1; }
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(*/)
for c in "${cases[@]}"; do
  c=${c%/}
  [ -f "$c/expected-error.txt" ] && continue
  [ $# -eq 0 ] && [ -f "$c/expected.yaml" ] && continue
  dir=.
  [ -f "$c/build" ] && dir=$(cat "$c/build")
  if ! (cd "$c" && kubectl kustomize "$dir") > "$c/expected.yaml.tmp" 2> "$c/stderr.tmp"; then
    echo "$c: kubectl kustomize failed: $(cat "$c/stderr.tmp")" >&2
    rm -f "$c/expected.yaml.tmp" "$c/stderr.tmp"
    continue
  fi
  mv "$c/expected.yaml.tmp" "$c/expected.yaml"
  rm -f "$c/stderr.tmp"
  echo "$c: expected.yaml written"
done
