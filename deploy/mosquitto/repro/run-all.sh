#!/bin/bash
# Every variant of the reproduction, one line each (README.md here has the results on Mosquitto 2.0.11).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
run() { "$here/restart-gap.sh" "$@"; }
project=(--conf 'max_inflight_messages 0' --conf 'max_queued_messages 1000000' --conf 'max_queued_bytes 0')

"${MOSQUITTO:-/usr/sbin/mosquitto}" -h 2>/dev/null | head -1 || true
for sub in "" --shared; do
  for proto in "" --v311; do
    for auth in "" --auth; do
      run $sub $proto $auth
    done
  done
  run $sub --offline
  run $sub "${project[@]}"
done
run --shared --expiry 60
run --shared --expiry 604800
run --shared --conf 'persistent_client_expiration 1d'
run --shared --conf 'queue_qos0_messages true'
run --shared --conf 'max_queued_messages 0'
run --shared --conf 'autosave_interval 1' --conf 'autosave_on_changes true'
