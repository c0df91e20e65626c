#!/usr/bin/env bash
# Runs the torchaudio peer benchmark with Debian's Python, installing python3-torchaudio if needed.
set -euo pipefail
py=/usr/bin/python3
if ! "$py" -c 'import torchaudio' >/dev/null 2>&1; then
    echo "installing Debian's python3-torchaudio (needs root and the Debian mirror) ..." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torchaudio >/dev/null
fi
exec "$py" "$(dirname "$0")/frontend_torchaudio.py" "$@"
