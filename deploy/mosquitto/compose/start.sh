#!/bin/sh
# Entry point of the Compose broker. refresh writes, each file atomically (a temporary file, then mv), into
# /mosquitto/auth: the two password files of mosquitto.conf's listeners (service_password_file: ingest and
# dispatch, from the environment; password_file: the simulator and the health check from the environment, then the
# devices' entries that org.clearway.deploy.DeviceCredentials (the credentials sidecar) wrote into /mosquitto/devices, if
# any), the ACL (acl_file of this folder, then the generated one) and the certificate listener's ACL (the generated
# one alone); and into /mosquitto/tls the certificates, keys and CRL of deploy/compose/tls/ (tls.sh), readable by
# the broker's user only. Then it starts Mosquitto as the image does and stays its parent: on SIGHUP
# (`docker compose kill -s HUP mosquitto`) it refreshes every file and passes the SIGHUP on, so that new device
# credentials, revocations (a device removed from the registry is thrown off) and a new CRL or certificate apply
# without a restart; SIGTERM and SIGINT go to Mosquitto, which saves its sessions.
# Mosquitto's reload throws off a client whose password is gone but leaves a certificate's connection open (it does
# not check open connections against the new CRL, and a client without ACL entries stays connected). So after each
# reload, for every device that lost its ACL block, this connects once on the services' listener with that device's
# client id and a clean session, and disconnects: Mosquitto closes the device's connection ("session taken over", MQTT
# 3.1.1 and 5.0 section 3.1.4) and drops its session; its next connect meets the new CRL and files. The account that
# does it, clearway-credentials, has a random password made at each start that never leaves the container, and no topic.
# The credentials sidecar (compose.yaml, DeviceCredentials --every) keeps /mosquitto/devices in step with the registry,
# each file written atomically; every CLEARWAY_MQTT_RELOAD_CHECK_SECONDS (5) this compares those files with the ones it
# last loaded and, when they changed, reloads as on SIGHUP: no operator step after an issue, a revocation or a renewed
# CRL. The CRL the sidecar writes (the one the API signs) takes the place of tls.sh's.
# CLEARWAY_BROKER_ROOT (/mosquitto), CLEARWAY_BROKER_COMMAND (the image's entrypoint) and CLEARWAY_BROKER_SERVICES_PORT
# (1885) are for the tests, which run this script with this machine's Mosquitto (BrokerStartScriptIT).
set -eu

root=${CLEARWAY_BROKER_ROOT:-/mosquitto}
auth=$root/auth
tls=$root/tls
tls_source=$root/tls-source
devices=$root/devices/password_file
device_acl=$root/devices/acl_file
device_crl=$root/devices/crl.pem
check=${CLEARWAY_MQTT_RELOAD_CHECK_SECONDS:-5}
services_port=${CLEARWAY_BROKER_SERVICES_PORT:-1885}

umask 077
mkdir -p "$auth" "$tls"
closer_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=\n')

refresh() {
  file="$auth/password_file"
  services="$auth/service_password_file"
  acl="$auth/acl_file"
  certificate_acl="$auth/certificate_acl_file"
  : > "$services.new"
  mosquitto_passwd -b "$services.new" clearway-ingest "$CLEARWAY_MQTT_INGEST_PASSWORD"
  mosquitto_passwd -b "$services.new" clearway-dispatch "$CLEARWAY_MQTT_DISPATCH_PASSWORD"
  mosquitto_passwd -b "$services.new" clearway-credentials "$closer_password"
  : > "$file.new"
  mosquitto_passwd -b "$file.new" clearway-simulator "$CLEARWAY_MQTT_SIMULATOR_PASSWORD"
  mosquitto_passwd -b "$file.new" clearway-healthcheck "$CLEARWAY_MQTT_HEALTHCHECK_PASSWORD"
  if [ -f "$devices" ]; then
    cat "$devices" >> "$file.new"
    echo "start.sh: $(grep -c . "$devices") device credentials from $devices"
  else
    echo "start.sh: no $devices, so only the service users can connect (deploy/README.md, Device credentials)"
  fi
  cp "$root/config/acl_file" "$acl.new"
  : > "$certificate_acl.new"
  if [ -f "$device_acl" ]; then
    printf '\n' >> "$acl.new"
    cat "$device_acl" >> "$acl.new"
    cat "$device_acl" > "$certificate_acl.new"
  fi
  for name in server.crt server.key device-ca.crt crl.pem; do
    if [ ! -f "$tls_source/$name" ]; then
      echo "start.sh: no $name in deploy/compose/tls/: run deploy/compose/tls.sh init (deploy/compose/up.sh does)" >&2
      return 1
    fi
    cp "$tls_source/$name" "$tls/$name.new"
  done
  if [ -s "$device_crl" ]; then
    cp "$device_crl" "$tls/crl.pem.new"
  fi
  chown mosquitto:mosquitto "$auth"/*.new "$tls"/*.new
  for new in "$auth"/*.new "$tls"/*.new; do
    mv "$new" "${new%.new}"
  done
  chown mosquitto:mosquitto "$auth" "$tls"
}

# The devices that the certificate listener's ACL names.
acl_users() {
  if [ -f "$auth/certificate_acl_file" ]; then
    sed -n 's/^user  *//p' "$auth/certificate_acl_file" | grep -v '^clearway-' | sort -u
  fi
}

# Reload; then close the sessions of the devices that lost their ACL block.
reload() {
  acl_users > "$auth/.users-before"
  if ! refresh; then
    echo "start.sh: the files could not be refreshed; the broker keeps the ones it has" >&2
    return 0
  fi
  kill -HUP "$pid"
  acl_users > "$auth/.users-after"
  sleep 1
  grep -vxF -f "$auth/.users-after" "$auth/.users-before" | while read -r id; do
    if mosquitto_pub -h 127.0.0.1 -p "$services_port" -u clearway-credentials -P "$closer_password" -i "$id" -q 0 \
        -t clearway/session-closed -n; then
      echo "start.sh: closed the session of $id, which lost its access"
    else
      echo "start.sh: could not close the session of $id" >&2
    fi
  done
  rm -f "$auth/.users-before" "$auth/.users-after"
}

# What the sidecar last wrote, to notice a change.
stamp() {
  cat "$devices" "$device_acl" "$device_crl" 2>/dev/null | cksum
}

seen=$(stamp)
refresh
${CLEARWAY_BROKER_COMMAND:-/docker-entrypoint.sh /usr/sbin/mosquitto -c /mosquitto/config/mosquitto.conf} &
pid=$!
trap 'seen=$(stamp); reload' HUP
trap 'kill -TERM "$pid"' TERM INT
while :; do
  sleep "$check" &
  sleeper=$!
  wait "$sleeper" 2>/dev/null || true
  kill "$sleeper" 2>/dev/null || true
  if ! kill -0 "$pid" 2>/dev/null; then
    status=0
    wait "$pid" || status=$?
    exit "$status"
  fi
  now=$(stamp)
  if [ "$now" != "$seen" ]; then
    echo "start.sh: the credentials sidecar wrote new files: reloading"
    seen=$now
    reload
  fi
done
