#!/usr/bin/env bash
# Keep the message catalogues in step with the code (see reportsite/i18n.py):
# extract every msg(code, "English …") into reportsite/locale/reportsite.pot, then merge it into
# each language's .po, where a new message gets an empty translation to write and one that is gone
# is dropped. tests/test_messages.py fails while any message lacks its translation.
set -euo pipefail
cd "$(dirname "$0")/.."
pot=reportsite/locale/reportsite.pot
.venv/bin/pybabel extract -F babel.cfg -k msg:1c,2 --no-default-keywords --no-location --sort-output \
  --omit-header -o "$pot" .
for po in reportsite/locale/*/LC_MESSAGES/reportsite.po; do
  .venv/bin/pybabel update -i "$pot" -o "$po" --no-fuzzy-matching --ignore-obsolete --omit-header
done
