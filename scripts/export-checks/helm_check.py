#!/usr/bin/env python3
"""`helm lint`, values.schema.json validation and `helm template` of a chart, in process through
helm-python-sdk (the Helm Go SDK as a shared library): no helm binary, cluster or network.

usage: helm_check.py CHART OUT_FILE [--release NAME] [--namespace NS] [--kube-version v1.31.0]
Writes the rendered manifests to OUT_FILE as one multi-document YAML file and prints
{"lint_errors": n, "lint_warnings": n, "templates": n} on stdout.
Exit 0 when clean, 1 on lint errors, a schema violation or a render failure, 2 when the chart
cannot be loaded.
"""
import argparse
import json
import sys

import helm_python as helm


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("chart")
    ap.add_argument("out")
    ap.add_argument("--release", default="release")
    ap.add_argument("--namespace", default="default")
    ap.add_argument("--kube-version", default=None)
    a = ap.parse_args()

    report = helm.lint(a.chart, None, strict=False, namespace=a.namespace, kube_version=a.kube_version)
    names = {0: "UNKNOWN", 1: "INFO", 2: "WARNING", 3: "ERROR"}
    errors = warnings = 0
    for m in report.get("messages", []):
        sev = m.get("severity", 0)
        errors += sev == 3
        warnings += sev == 2
        if sev >= 2:
            print(f"helm lint [{names.get(sev, sev)}] {m.get('path')}: {m.get('error')}", file=sys.stderr)
    if not errors:
        for e in report.get("errors") or []:
            errors += 1
            print(f"helm lint [ERROR] {e}", file=sys.stderr)

    try:
        chart = helm.Chart.load(a.chart)
    except helm.HelmError as exc:
        print(f"helm: cannot load the chart: {exc}", file=sys.stderr)
        print(json.dumps({"lint_errors": errors + 1, "lint_warnings": warnings, "templates": 0}))
        return 2
    with chart:
        try:
            chart.validate_schema(None)
        except helm.HelmError as exc:
            print(f"helm: values.schema.json violation: {exc}", file=sys.stderr)
            errors += 1
        try:
            rendered = chart.render(None, name=a.release, namespace=a.namespace, is_install=True)
        except helm.HelmError as exc:
            print(f"helm: render failed: {exc}", file=sys.stderr)
            print(json.dumps({"lint_errors": errors + 1, "lint_warnings": warnings, "templates": 0}))
            return 1

    docs = [
        f"---\n# Source: {path}\n{rendered[path].strip()}\n"
        for path in sorted(rendered)
        if not path.endswith("NOTES.txt") and rendered[path].strip()
    ]
    with open(a.out, "w", encoding="utf-8") as fh:
        fh.write("".join(docs))
    print(json.dumps({"lint_errors": errors, "lint_warnings": warnings, "templates": len(docs)}))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
