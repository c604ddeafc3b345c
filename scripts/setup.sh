#!/usr/bin/env bash
# One-time set-up for a fresh machine (Node 20 + npm only): Debian packages the
# tests and renderers need, then the npm dependencies (which build dist/).
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(chromium libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fontconfig fonts-noto-cjk fonts-wqy-zenhei fonts-arphic-uming fonts-arphic-ukai)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: missing Debian packages (${missing[*]}); install them as root" >&2
    exit 1
  fi
fi

npm ci --no-fund --no-audit
