#!/usr/bin/env bash
# Makes sure axe-core (the accessibility checker the browser tests inject into the pages) is installed from the npm
# registry, at one pinned version, under target/browser-tools/node_modules/axe-core.
set -euo pipefail
VERSION=4.14.1
DIR="$(cd "$(dirname "$0")/../.." && pwd)/target/browser-tools"
if [ -f "$DIR/node_modules/axe-core/axe.min.js" ] && grep -q "\"version\": \"$VERSION\"" "$DIR/node_modules/axe-core/package.json"; then
  exit 0
fi
echo "Installing axe-core $VERSION from npm…"
mkdir -p "$DIR"
npm install --silent --no-audit --no-fund --no-save --prefix "$DIR" "axe-core@$VERSION" > /dev/null
[ -f "$DIR/node_modules/axe-core/axe.min.js" ]
