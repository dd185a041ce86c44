#!/usr/bin/env bash
# Regenerates the expected output of the golden cases with the reference: Helm v4.2.3's own
# Go SDK from PyPI (helm-python-sdk==0.2.2), driven by reference.py. Run by hand, once per new
# case: the test suite and CI never need Python or the SDK.
#
#   HELM_SDK_PYTHON=/work/venv-helm/bin/python tests/helm/regen.sh           # cases without expectations
#   HELM_SDK_PYTHON=/work/venv-helm/bin/python tests/helm/regen.sh app-basic # one case (overwrites)
#
# Set up the SDK once: python3 -m venv /tmp/helm-sdk && /tmp/helm-sdk/bin/pip install helm-python-sdk==0.2.2
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
py="${HELM_SDK_PYTHON:-python3}"
"$py" -c 'import helm_python' 2>/dev/null || { echo "helm-python-sdk is required (set HELM_SDK_PYTHON)" >&2; exit 1; }
cd "$here/cases"
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(*/)
for c in "${cases[@]}"; do
  c=${c%/}
  [ -f "$c/args" ] || continue
  [ $# -eq 0 ] && { [ -f "$c/expected.yaml" ] || [ -f "$c/expected-error.txt" ]; } && continue
  rm -f "$c/expected.yaml" "$c/expected-error.txt"
  if "$py" "$here/reference.py" "$c" > "$c/out.tmp"; then
    mv "$c/out.tmp" "$c/expected.yaml"
    echo "$c: expected.yaml written"
  else
    sed -e 's/^ERROR: //' "$c/out.tmp" > "$c/expected-error.txt"
    rm -f "$c/out.tmp"
    echo "$c: expected-error.txt written (Helm fails)"
  fi
done
