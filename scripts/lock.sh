#!/usr/bin/env bash
# Rebuild requirements.lock from the pins in pyproject.toml, in a fresh virtual environment, so
# the lock holds exactly what those pins pull in and nothing left over from an older .venv.
# The upgrade routine (README, "Dependencies"): edit a pin in pyproject.toml, run this, then
# `bash .ci/run` (setup reinstalls from the new lock, the tests run, the audit runs).
set -euo pipefail
cd "$(dirname "$0")/.."

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install -q --upgrade pip
"$tmp/venv/bin/python" -m pip install -q -e '.[test]'
"$tmp/venv/bin/python" -m pip freeze --exclude-editable | grep -v '^reportsite' > requirements.lock
echo "lock: wrote requirements.lock ($(wc -l < requirements.lock) pins)"
