#!/usr/bin/env bash
# Makes sure Debian's headless Chromium and its ChromeDriver are installed for the browser tests
# (/usr/bin/chromium, /usr/bin/chromedriver). Installs them from Debian's packages when missing.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
echo "Installing Chromium and ChromeDriver from Debian's packages…"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium chromium-driver fonts-dejavu-core > /dev/null
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]
