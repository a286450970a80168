#!/usr/bin/env bash
# Run pytest with the given arguments. pytest exits 5 when it collected no tests: here that is a
# failure with a clear message, never a quiet pass. Every other exit code is passed through.
set -uo pipefail

pytest_bin="${PYTEST:-$(cd "$(dirname "$0")/.." && pwd)/.venv/bin/pytest}"
"$pytest_bin" "$@"
status=$?
if [ "$status" -eq 5 ]; then
  echo "ERROR: pytest collected no tests (exit 5), which counts as a failure. Arguments: ${*:-(none)}" >&2
  exit 1
fi
exit "$status"
