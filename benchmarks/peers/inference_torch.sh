#!/usr/bin/env bash
# Runs the PyTorch inference peer benchmark with Debian's Python, installing python3-torch if needed.
set -euo pipefail
py=/usr/bin/python3
if ! "$py" -c 'import torch' >/dev/null 2>&1; then
    echo "installing Debian's python3-torch (needs root and the Debian mirror) ..." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch >/dev/null
fi
exec "$py" "$(dirname "$0")/inference_torch.py" "$@"
