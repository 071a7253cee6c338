#!/usr/bin/env python3
"""Summarise a Checkov JSON report: prints `checkov passed P failed F skipped S` and one line per
failed check or parsing error on stderr. Exit 1 when a check failed or a file did not parse
(Checkov itself exits 0 on HCL syntax errors)."""
import json
import sys

try:
    with open(sys.argv[1], encoding="utf-8") as fh:
        data = json.load(fh)
except Exception as exc:  # no report at all is a failure, not a pass
    print(f"checkov: no report ({exc})")
    sys.exit(1)
reports = data if isinstance(data, list) else [data]
passed = failed = skipped = errors = 0
for r in reports:
    s = r.get("summary", {})
    passed += s.get("passed", 0)
    failed += s.get("failed", 0)
    skipped += s.get("skipped", 0)
    errors += s.get("parsing_errors", 0)
    for c in r.get("results", {}).get("failed_checks", []):
        print(f"    checkov FAILED {c['check_id']} {c['resource']} {c['check_name']}", file=sys.stderr)
print(f"checkov passed {passed} failed {failed} skipped {skipped} parse-errors {errors}")
sys.exit(1 if failed or errors or passed == 0 else 0)
