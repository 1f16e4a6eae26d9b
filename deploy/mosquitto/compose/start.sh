#!/bin/sh
# Entry point of the Compose broker. refresh writes, each file atomically (a temporary file, then mv), into
# /mosquitto/auth: the two password files of mosquitto.conf's listeners (service_password_file: ingest and
# dispatch, from the environment; password_file: the simulator and the health check from the environment, then the
# devices' entries that org.clearway.deploy.DeviceCredentials generated into deploy/mosquitto/compose/devices/, if
# any), the ACL (acl_file of this folder, then the generated one) and the certificate listener's ACL (the generated
# one alone); and into /mosquitto/tls the certificates, keys and CRL of deploy/compose/tls/ (tls.sh), readable by
# the broker's user only. Then it starts Mosquitto as the image does and stays its parent: on SIGHUP
# (`docker compose kill -s HUP mosquitto`) it refreshes every file and passes the SIGHUP on, so that new device
# credentials, revocations (a device removed from the registry is thrown off) and a new CRL or certificate apply
# without a restart; SIGTERM and SIGINT go to Mosquitto, which saves its sessions.
set -eu

auth=/mosquitto/auth
tls=/mosquitto/tls
tls_source=/mosquitto/tls-source
devices=/mosquitto/devices/password_file
device_acl=/mosquitto/devices/acl_file

umask 077
mkdir -p "$auth" "$tls"

refresh() {
  file="$auth/password_file"
  services="$auth/service_password_file"
  acl="$auth/acl_file"
  certificate_acl="$auth/certificate_acl_file"
  : > "$services.new"
  mosquitto_passwd -b "$services.new" clearway-ingest "$CLEARWAY_MQTT_INGEST_PASSWORD"
  mosquitto_passwd -b "$services.new" clearway-dispatch "$CLEARWAY_MQTT_DISPATCH_PASSWORD"
  : > "$file.new"
  mosquitto_passwd -b "$file.new" clearway-simulator "$CLEARWAY_MQTT_SIMULATOR_PASSWORD"
  mosquitto_passwd -b "$file.new" clearway-healthcheck "$CLEARWAY_MQTT_HEALTHCHECK_PASSWORD"
  if [ -f "$devices" ]; then
    cat "$devices" >> "$file.new"
    echo "start.sh: $(grep -c . "$devices") device credentials from $devices"
  else
    echo "start.sh: no $devices, so only the service users can connect (deploy/README.md, Device credentials)"
  fi
  cp /mosquitto/config/acl_file "$acl.new"
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
  chown mosquitto:mosquitto "$auth"/*.new "$tls"/*.new
  for new in "$auth"/*.new "$tls"/*.new; do
    mv "$new" "${new%.new}"
  done
  chown mosquitto:mosquitto "$auth" "$tls"
}

refresh
/docker-entrypoint.sh /usr/sbin/mosquitto -c /mosquitto/config/mosquitto.conf &
pid=$!
trap 'refresh && kill -HUP "$pid"' HUP
trap 'kill -TERM "$pid"' TERM INT
while :; do
  status=0
  wait "$pid" || status=$?
  if ! kill -0 "$pid" 2>/dev/null; then
    exit "$status"
  fi
done
