#!/usr/bin/env bash
# check-exports.sh [DIR...] -- external checks of Daedalus exports, offline once set up.
#
# Without arguments: exports every sample in sample-topologies/ (Terraform for AWS, Azure and
# GCP, and Helm) into a temporary directory and checks them all. With arguments: checks the
# given export directories (a directory with .tf files, or a Helm chart).
#
# Terraform: HCL parse of every .tf and every reference resolved (scripts/export-checks/tf_refs.py,
#            python-hcl2), `terraform fmt -check` when a terraform binary is on PATH (skipped, and
#            said so, when not), Checkov (AWS exports; 0 failed checks required).
# Helm:      yamllint, `helm lint` + values.schema.json + `helm template` through the Helm SDK
#            (helm-python-sdk), Kubernetes 1.30 and 1.33 schemas (kubernetes-validate --strict),
#            yamllint and Checkov (0 failed) on the rendered manifests.
#
# Tools come from PyPI, pinned (scripts/export-checks/requirements*.txt), into two virtual
# environments under $EXPORT_TOOLS_DIR (default ~/.cache/daedalus/export-checks, outside the
# clone so fresh clones reuse them), made once and reused while the requirements are unchanged.
# Env: DAEDALUS (the binary; default: cargo build, then target/debug/daedalus), EXPORT_TOOLS_DIR,
#      KEEP=DIR (keep exports and rendered manifests there).
# Exit: 0 all clean, 1 a check failed, 2 setup or usage error.
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
here=$repo/scripts/export-checks
tools=${EXPORT_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/daedalus/export-checks}
python=${PYTHON:-python3}

setup() {
    local name=$1 reqs=$2 venv=$tools/$1
    local stamp
    stamp=$(sha256sum "$reqs" | cut -c1-16)
    if [ -x "$venv/bin/python" ] && [ "$(cat "$venv/.stamp" 2>/dev/null)" = "$stamp" ]; then
        return 0
    fi
    echo "check-exports: installing $name tools from PyPI (pinned) into $venv" >&2
    rm -rf "$venv"
    "$python" -m venv "$venv" || return 2
    "$venv/bin/pip" install --quiet --disable-pip-version-check --no-input -r "$reqs" || return 2
    echo "$stamp" > "$venv/.stamp"
}

command -v "$python" >/dev/null || { echo "check-exports: needs $python (3.10 or newer)" >&2; exit 2; }
mkdir -p "$tools"
setup checkers "$here/requirements.txt" || { echo "check-exports: cannot install the checkers" >&2; exit 2; }
setup hcl2 "$here/requirements-hcl2.txt" || { echo "check-exports: cannot install python-hcl2" >&2; exit 2; }
V=$tools/checkers/bin
H=$tools/hcl2/bin/python

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
keep=${KEEP:-$work}
mkdir -p "$keep"

dirs=("$@")
if [ ${#dirs[@]} -eq 0 ]; then
    daedalus=${DAEDALUS:-}
    if [ -z "$daedalus" ]; then
        (cd "$repo" && cargo build --quiet --no-default-features) || exit 2
        daedalus=${CARGO_TARGET_DIR:-$repo/target}/debug/daedalus
    fi
    for sample in "$repo"/sample-topologies/*.ron; do
        name=$(basename "$sample" .ron)
        for cloud in aws azure gcp; do
            "$daedalus" export terraform "$sample" --cloud "$cloud" -o "$keep/$name-$cloud" --force >/dev/null 2>"$work/export.err" ||
                { cat "$work/export.err" >&2; echo "check-exports: export of $name ($cloud) failed" >&2; exit 1; }
            dirs+=("$keep/$name-$cloud")
        done
        "$daedalus" export helm "$sample" -o "$keep/$name-helm" --force >/dev/null 2>"$work/export.err" ||
            { cat "$work/export.err" >&2; echo "check-exports: Helm export of $name failed" >&2; exit 1; }
        dirs+=("$keep/$name-helm")
    done
fi

terraform_bin=$(command -v terraform || true)
[ -n "$terraform_bin" ] || echo "check-exports: no terraform binary on PATH: terraform fmt -check skipped (HCL parse and references are still checked)"
status=0
summary=()

check_terraform() {
    local dir=$1 rc=0 parse fmt ck
    if "$H" "$here/tf_refs.py" "$dir" > "$work/refs.json" 2> "$work/refs.err"; then :; else rc=1; fi
    sed 's/^/    /' "$work/refs.err"
    parse=$("$H" -c 'import json,sys; d=json.load(open(sys.argv[1])); print("parsed %d/%d, refs %d unresolved %d" % (d["files"] - d["parse_errors"], d["files"], d["refs"], d["unresolved"]))' "$work/refs.json" 2>/dev/null) || { parse="parse: no result"; rc=1; }
    if [ -n "$terraform_bin" ]; then
        local unformatted
        unformatted=$(TF_CLI_CONFIG_FILE=/dev/null "$terraform_bin" fmt -check -list=true -no-color "$dir" 2>/dev/null | grep -c .)
        fmt="fmt $unformatted unformatted"
        [ "$unformatted" -eq 0 ] || rc=1
    else
        fmt="fmt skipped (no terraform)"
    fi
    ck="checkov not run (not AWS)"
    if grep -q 'hashicorp/aws' "$dir/versions.tf" 2>/dev/null; then
        "$V/checkov" -d "$dir" --framework terraform --skip-download -o json --compact > "$work/ck.json" 2>/dev/null
        ck=$("$V/python" "$here/checkov_summary.py" "$work/ck.json") || rc=1
    fi
    echo "  $(basename "$dir"): $parse, $fmt, $ck"
    return $rc
}

check_helm() {
    local chart=$1 rc=0 name out
    name=$(basename "$chart")
    out=$keep/rendered/$name
    mkdir -p "$out"
    "$V/yamllint" -c "$here/yamllint.yaml" -f parsable "$chart/Chart.yaml" "$chart/values.yaml" > "$work/yl" 2>&1 || rc=1
    grep '\[error\]' "$work/yl" | sed 's/^/    yamllint: /'
    local lint
    lint=$("$V/python" "$here/helm_check.py" "$chart" "$out/manifests.yaml" --release "$name" --namespace "$name" --kube-version v1.30.0 2> "$work/helm.err") || rc=1
    grep -v '\[INFO\]' "$work/helm.err" | sed 's/^/    /'
    local schema="" v
    for v in 1.30 1.33; do
        "$V/kubernetes-validate" --strict -k "$v" "$out/manifests.yaml" > "$work/kv" 2>&1
        local valid invalid crds
        valid=$(grep -c '^INFO .* passed' "$work/kv")
        invalid=$(grep -c '^ERROR' "$work/kv")
        crds=$(grep -c "Couldn't find schema" "$work/kv")
        grep -E '^ERROR' "$work/kv" | sed 's/^/    /'
        [ "$invalid" -eq 0 ] || rc=1
        schema="$schema k8s $v valid $valid invalid $invalid (CRD kinds $crds);"
    done
    "$V/yamllint" -c "$here/yamllint.yaml" -f parsable "$out/manifests.yaml" > "$work/yl" 2>&1 || rc=1
    grep '\[error\]' "$work/yl" | sed 's/^/    yamllint: /'
    "$V/checkov" -d "$out" --framework kubernetes --skip-download -o json --compact > "$work/ck.json" 2>/dev/null
    local ck
    ck=$("$V/python" "$here/checkov_summary.py" "$work/ck.json") || rc=1
    echo "  $name: helm $lint;$schema $ck"
    return $rc
}

for d in "${dirs[@]}"; do
    if [ -f "$d/Chart.yaml" ]; then
        check_helm "$d" || status=1
    elif compgen -G "$d/*.tf" >/dev/null; then
        check_terraform "$d" || status=1
    else
        echo "check-exports: $d is neither a Terraform directory nor a chart" >&2; status=1
    fi
done
if [ $status -eq 0 ]; then
    echo "check-exports: ${#dirs[@]} exports checked, all clean"
else
    echo "check-exports: FAILED (see above)"
fi
exit $status
