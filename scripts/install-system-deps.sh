#!/usr/bin/env bash
# System packages the tests need: Chromium (browser tests of the HTML view) and Noto fonts
# (Arabic shaping in screenshots). Installed with apt when running as root; otherwise
# says what is missing. Idempotent: does nothing when everything is there.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -d /usr/share/fonts/truetype/noto ] || need+=(fonts-noto-core)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-system-deps: missing ${need[*]}; run as root or: sudo apt-get install ${need[*]}" >&2
  echo "install-system-deps: browser tests will fail without them" >&2
  exit 0
fi
echo "install-system-deps: apt-get install ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
