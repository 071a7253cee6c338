#!/usr/bin/env python3
"""Parse every .tf file of a Terraform directory with python-hcl2 and check that every reference
(var.X, local.X, module.X, data.T.N and resource T.N) is declared in the same module: the part
of `terraform validate` that needs no provider.

usage: tf_refs.py DIR
stdout: one JSON object {"files": n, "parse_errors": n, "refs": n, "unresolved": n}
stderr: one line per problem. Exit 0 when everything parses and resolves, else 1.
"""
import json
import os
import re
import sys
from collections import defaultdict

import hcl2

INTERPOLATION = re.compile(r"\$\{(.*?)\}")
NAMED = re.compile(r"(?<![\w.])(var|local|module)\.([A-Za-z_][\w-]*)")
DATA = re.compile(r"(?<![\w.])data\.([A-Za-z_]\w*)\.([A-Za-z_][\w-]*)")
RESOURCE = re.compile(r"(?<![\w.\"])([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][\w-]*)")
PROVIDER_PREFIX = re.compile(r"^(aws|azurerm|azuread|google|kubernetes|helm|random|tls)_")
BUILTIN = {"var", "local", "module", "data", "each", "count", "path", "self", "terraform"}


def unquote(s):
    return s[1:-1] if isinstance(s, str) and len(s) >= 2 and s[0] == s[-1] == '"' else s


def strings(node):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from strings(k)
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)
    elif isinstance(node, str):
        yield node


def main():
    root = sys.argv[1]
    files = sorted(
        os.path.join(d, f)
        for d, dirs, fs in os.walk(root)
        for f in fs
        if f.endswith(".tf") and "/." not in d
    )
    parsed, parse_errors = {}, 0
    for f in files:
        try:
            with open(f, encoding="utf-8") as fh:
                parsed[f] = hcl2.load(fh)
        except Exception as exc:  # lark errors carry the line and column
            parse_errors += 1
            print(f"parse error: {f}: {type(exc).__name__}: {str(exc).strip().splitlines()[0]}", file=sys.stderr)

    declared = defaultdict(lambda: defaultdict(set))
    for f, doc in parsed.items():
        d = declared[os.path.dirname(f)]
        for block in doc.get("variable", []):
            d["var"].update(unquote(k) for k in block if not k.startswith("__"))
        for block in doc.get("locals", []):
            d["local"].update(k for k in block if not k.startswith("__"))
        for block in doc.get("module", []):
            d["module"].update(unquote(k) for k in block if not k.startswith("__"))
        for kind in ("resource", "data"):
            for block in doc.get(kind, []):
                for rtype, named in block.items():
                    for name in named:
                        if not name.startswith("__"):
                            d[kind].add((unquote(rtype), unquote(name)))

    refs = unresolved = 0
    for f, doc in parsed.items():
        d = declared[os.path.dirname(f)]
        resource_types = {t for t, _ in d["resource"]}
        reported = set()
        for text in strings(doc):
            for expr in INTERPOLATION.findall(text):
                expr = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
                found = [(k, n) for k, n in NAMED.findall(expr)]
                found += [("data", (t, n)) for t, n in DATA.findall(expr)]
                for t, n in RESOURCE.findall(re.sub(r"(?<![\w.])data\.[\w.-]+", "", expr)):
                    if t not in BUILTIN and (t in resource_types or PROVIDER_PREFIX.match(t)):
                        found.append(("resource", (t, n)))
                for kind, name in found:
                    refs += 1
                    if name not in d[kind] and (kind, name) not in reported:
                        reported.add((kind, name))
                        unresolved += 1
                        shown = ".".join(name) if isinstance(name, tuple) else name
                        prefix = {"var": "var.", "local": "local.", "module": "module.", "data": "data.", "resource": ""}[kind]
                        print(f"unresolved reference: {f}: {prefix}{shown}", file=sys.stderr)

    print(json.dumps({"files": len(files), "parse_errors": parse_errors, "refs": refs, "unresolved": unresolved}))
    return 1 if parse_errors or unresolved or not files else 0


if __name__ == "__main__":
    sys.exit(main())
