#!/usr/bin/env bash
# Checks deploy/nginx.conf with `nginx -t`, substituting a throw-away certificate for the TLS
# placeholders and a local address for the compose service name. Used by .ci/run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tls"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
  -keyout "$work/tls/privkey.pem" -out "$work/tls/fullchain.pem" 2>/dev/null
sed -e "s#/etc/nginx/tls/#$work/tls/#" \
    -e 's#server app:8080#server 127.0.0.1:8080#' \
    -e "s#/var/log/nginx/error.log#$work/error.log#" \
    -e "s#pid /tmp/nginx.pid#pid $work/nginx.pid#" \
    "$here/nginx.conf" > "$work/nginx.conf"
nginx -t -q -c "$work/nginx.conf" -p "$work"
echo "deploy/nginx.conf: nginx -t passed"
