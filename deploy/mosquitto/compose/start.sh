#!/bin/sh
# Entry point of the Compose broker: writes the two password files of mosquitto.conf's two listeners
# (service_password_file: ingest and dispatch, from the environment; password_file: the simulator and
# the health check from the environment, then the devices' entries that
# org.clearway.deploy.DeviceCredentials generated into deploy/mosquitto/compose/devices/, if any) and
# the ACL (acl_file of this folder, then the generated one), then starts Mosquitto as the image does.
set -eu

auth=/mosquitto/auth
file="$auth/password_file"
services="$auth/service_password_file"
acl="$auth/acl_file"
devices=/mosquitto/devices/password_file
device_acl=/mosquitto/devices/acl_file

umask 077
mkdir -p "$auth"
: > "$services"
mosquitto_passwd -b "$services" clearway-ingest "$CLEARWAY_MQTT_INGEST_PASSWORD"
mosquitto_passwd -b "$services" clearway-dispatch "$CLEARWAY_MQTT_DISPATCH_PASSWORD"
: > "$file"
mosquitto_passwd -b "$file" clearway-simulator "$CLEARWAY_MQTT_SIMULATOR_PASSWORD"
mosquitto_passwd -b "$file" clearway-healthcheck "$CLEARWAY_MQTT_HEALTHCHECK_PASSWORD"
if [ -f "$devices" ]; then
  cat "$devices" >> "$file"
  echo "start.sh: $(grep -c . "$devices") device credentials from $devices"
else
  echo "start.sh: no $devices, so only the service users can connect (deploy/README.md, Device credentials)"
fi
cp /mosquitto/config/acl_file "$acl"
if [ -f "$device_acl" ]; then
  printf '\n' >> "$acl"
  cat "$device_acl" >> "$acl"
fi
chown -R mosquitto:mosquitto "$auth"

exec /docker-entrypoint.sh /usr/sbin/mosquitto -c /mosquitto/config/mosquitto.conf
