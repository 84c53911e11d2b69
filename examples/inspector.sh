#!/usr/bin/env bash
# The MCP Inspector (a real third-party MCP client) against m3-agent over stdio.
# Usage: examples/inspector.sh [tools/list | tools/call NAME key=value ...]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
inspector="$here/.npm-tools/node_modules/.bin/mcp-inspector"
[ -x "$inspector" ] || inspector="npx -y @modelcontextprotocol/inspector"
m3="$(command -v m3-agent || echo "$here/.venv/bin/m3-agent")"
method="${1:-tools/list}"
if [ "$method" = "tools/call" ]; then
  tool="$2"; shift 2
  args=()
  for kv in "$@"; do args+=(--tool-arg "$kv"); done
  exec $inspector --cli "$m3" serve --method tools/call --tool-name "$tool" "${args[@]}"
fi
exec $inspector --cli "$m3" serve --method "$method"
