"""Helm's own Go SDK (PyPI helm-python-sdk) for bench/helmrelease.sh: one install or upgrade.

    python helm_sdk.py KUBECONFIG NAMESPACE install|upgrade CHART_DIR RELEASE VALUES_JSON

No wait (the SDK's default). Prints the seconds the action took inside this process (the
chart loaded and installed or upgraded, interpreter and library start-up excluded), so the
script can show both that and the whole process's wall time. Any error exits non-zero with
Helm's message.
"""

import json
import sys
import time

import helm_python as helm


def main(argv):
    kubeconfig, namespace, command, chart_dir, release, values = argv
    if command not in ("install", "upgrade"):
        raise SystemExit(f"unknown command {command}: install or upgrade")
    start = time.monotonic()
    with helm.Config(kubeconfig_path=kubeconfig, namespace=namespace) as cfg:
        chart = helm.Chart.load(chart_dir)
        action = cfg.install if command == "install" else cfg.upgrade
        out = action(chart, release, json.loads(values), namespace=namespace)
    if out.get("status") != "deployed":
        raise SystemExit(f"{command} {namespace}/{release}: status {out.get('status')}")
    print(f"{time.monotonic() - start:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
