#!/usr/bin/env bash
# Installs the AWS CLI and moto (pinned in requirements.txt) into .venv for the restore test; again only when the
# pins change. Run by `npx projen restore-tools`, part of `npx projen test`.
set -euo pipefail
cd "$(dirname "$0")"
if ! cmp -s requirements.txt .venv/requirements.txt; then
  rm -rf .venv
  python3 -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check -r requirements.txt
  cp requirements.txt .venv/requirements.txt
fi
