#!/usr/bin/env bash
# Installs the pinned PyPI tools of the tests (requirements.txt beside this script) into the git-ignored
# test/tools/.venv, and again only when the pins change. Run by `npx projen python-tools`, part of `npx projen test`.
set -euo pipefail
cd "$(dirname "$0")"
if ! cmp -s requirements.txt .venv/requirements.txt; then
  rm -rf .venv
  python3 -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check --no-deps -r requirements.txt
  .venv/bin/pip check
  cp requirements.txt .venv/requirements.txt
fi
