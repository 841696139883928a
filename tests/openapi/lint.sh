#!/usr/bin/env bash
# Lints Aareg's OpenAPI document with Redocly's `recommended` ruleset (tests/openapi/redocly.yaml).
#   tests/openapi/lint.sh                      fetch from a running service at http://localhost:5080
#   tests/openapi/lint.sh http://host:port     fetch from that service
#   tests/openapi/lint.sh path/to/openapi.json lint a saved document
# The Redocly version is pinned here and in tests/Aareg.Api.Tests/OpenApiTests.cs (RedoclyVersjon).
set -euo pipefail
mappe="$(cd "$(dirname "$0")" && pwd)"
kilde="${1:-http://localhost:5080}"

if [[ "$kilde" == http://* || "$kilde" == https://* ]]; then
  fil="$(mktemp --suffix=.json)"
  trap 'rm -f "$fil"' EXIT
  curl --fail --silent --show-error "${kilde%/}/openapi/v1.json" -o "$fil"
else
  fil="$kilde"
fi

REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  npx --yes @redocly/cli@2.77.0 lint "$fil" --config "$mappe/redocly.yaml"
