#!/bin/bash
# One run of the broker-restart reproduction (README.md here): a persistent QoS 1 subscriber, the
# broker stopped with SIGTERM and started again on the same persistence file, N readings published
# before the subscriber reconnects; prints how many of them the subscriber then received.
#
#   restart-gap.sh [--shared] [--v311] [--auth] [--offline] [--expiry S] [--count N] [--port P]
#                  [--conf 'line'] ...
#
# --shared   subscribe to $share/g/t/# instead of t/#
# --v311     MQTT v3.1.1 (clean session false) instead of v5 (clean start false, session expiry)
# --auth     allow_anonymous false, a password file and an ACL (users "ingest" and "sensor1")
# --offline  the subscriber disconnects before the stop (default: it is connected at the stop)
# --expiry   the subscriber's session expiry interval in seconds, v5 only (default 3600)
# --conf     one more line of broker configuration (repeatable), e.g. --conf 'queue_qos0_messages true'
# Environment: MOSQUITTO (default /usr/sbin/mosquitto); mosquitto_sub, mosquitto_pub and
# mosquitto_passwd on the PATH.
set -eu

mosquitto=${MOSQUITTO:-/usr/sbin/mosquitto}
shared=0 proto=mqttv5 auth=0 mode=connected expiry=3600 count=20 port=18830
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --shared) shared=1 ;;
    --v311) proto=mqttv311 ;;
    --auth) auth=1 ;;
    --offline) mode=offline ;;
    --expiry) expiry=$2; shift ;;
    --count) count=$2; shift ;;
    --port) port=$2; shift ;;
    --conf) extra+=("$2"); shift ;;
    *) echo "restart-gap.sh: unknown option $1 (see the comment at the top)" >&2; exit 2 ;;
  esac
  shift
done

dir=$(mktemp -d "${TMPDIR:-/tmp}/restart-gap.XXXXXX")
broker=""
cleanup() {
  [ -n "$broker" ] && kill "$broker" 2>/dev/null && wait "$broker" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT

{
  echo "listener $port 127.0.0.1"
  echo "persistence true"
  echo "persistence_location $dir/"
  echo "log_dest file $dir/mosquitto.log"
  echo "log_type all"
  if [ "$auth" = 1 ]; then
    echo "allow_anonymous false"
    echo "password_file $dir/password_file"
    echo "acl_file $dir/acl_file"
  else
    echo "allow_anonymous true"
  fi
  [ "$(id -u)" = 0 ] && echo "user root" # as root Mosquitto would switch to "mosquitto", which cannot write here
  for line in "${extra[@]+"${extra[@]}"}"; do echo "$line"; done
} > "$dir/mosquitto.conf"
sub_auth=() pub_auth=()
if [ "$auth" = 1 ]; then
  mosquitto_passwd -c -b "$dir/password_file" ingest ingest-password >/dev/null 2>&1
  mosquitto_passwd -b "$dir/password_file" sensor1 sensor1-password >/dev/null 2>&1
  printf 'user ingest\ntopic read $share/g/t/#\ntopic read t/#\n\nuser sensor1\ntopic write t/sensor1\n' > "$dir/acl_file"
  sub_auth=(-u ingest -P ingest-password) pub_auth=(-u sensor1 -P sensor1-password)
fi

filter='t/#'
[ "$shared" = 1 ] && filter='$share/g/t/#'
sub=(mosquitto_sub -h 127.0.0.1 -p "$port" -V "$proto" -q 1 -c -i restart-gap-sub -t "$filter" "${sub_auth[@]+"${sub_auth[@]}"}")
[ "$proto" = mqttv5 ] && sub+=(-x "$expiry")
pub=(mosquitto_pub -h 127.0.0.1 -p "$port" -V "$proto" -q 1 -i restart-gap-pub -t t/sensor1 "${pub_auth[@]+"${pub_auth[@]}"}")

start_broker() {
  "$mosquitto" -c "$dir/mosquitto.conf" 2>>"$dir/stderr.log" &
  broker=$!
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.05
  done
  echo "restart-gap.sh: Mosquitto did not listen on $port: see $dir/mosquitto.log" >&2
  exit 1
}

start_broker
"${sub[@]}" > "$dir/before.out" &
subscriber=$!
sleep 0.5
"${pub[@]}" -m before
sleep 0.3
if [ "$mode" = offline ]; then kill -9 "$subscriber"; wait "$subscriber" 2>/dev/null || true; fi
kill -TERM "$broker"; wait "$broker" || true
if [ "$mode" = connected ]; then kill -9 "$subscriber"; wait "$subscriber" 2>/dev/null || true; fi
saved=no
grep -aqF "$filter" "$dir/mosquitto.db" && saved=yes

start_broker
marker=$(wc -l < "$dir/mosquitto.log")
for i in $(seq "$count"); do "${pub[@]}" -m "after-$i"; done
no_subscribers=$(tail -n +"$marker" "$dir/mosquitto.log" | grep -c 'Sending PUBACK to restart-gap-pub.*rc16' || true)
sleep 0.3
timeout 3 "${sub[@]}" > "$dir/after.out" || true
received=$(grep -c '^after-' "$dir/after.out" || true)

printf '%-8s %-9s auth=%-3s %-9s expiry=%-5s %-32s subscription in the persistence file: %-3s  received %2d of %d after the restart (PUBACK "no matching subscribers": %d)\n' \
  "$([ "$shared" = 1 ] && echo shared || echo plain)" "$proto" "$([ "$auth" = 1 ] && echo on || echo off)" "$mode" \
  "$([ "$proto" = mqttv5 ] && echo "$expiry" || echo -)" "'${extra[*]+"${extra[*]}"}'" "$saved" "$received" "$count" "$no_subscribers"
