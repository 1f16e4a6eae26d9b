#!/usr/bin/env bash
# One command for Compose: creates deploy/compose/.env with fresh random secrets when it does not exist yet (and
# prints the dashboard API's admin token once), then builds and starts the stack. Extra arguments go to
# `docker compose up`; `CLEARWAY_COMPOSE_PROFILES=simulator deploy/compose/up.sh` adds the simulator.
set -euo pipefail
cd "$(dirname "$0")"
command -v docker >/dev/null || { echo "docker is not installed: see https://docs.docker.com/engine/install/" >&2; exit 1; }
command -v openssl >/dev/null || { echo "openssl is needed to make the passwords: install it (apt-get install openssl)" >&2; exit 1; }

secret() { openssl rand -base64 24 | tr -d '/+=' | cut -c1-28; }

if [ ! -f .env ]; then
  token=$(openssl rand -hex 32)
  umask 077
  sed -e "s|^CLEARWAY_DB_PASSWORD=$|CLEARWAY_DB_PASSWORD=$(secret)|" \
      -e "s|^CLEARWAY_GRAFANA_DB_PASSWORD=$|CLEARWAY_GRAFANA_DB_PASSWORD=$(secret)|" \
      -e "s|^CLEARWAY_MQTT_INGEST_PASSWORD=$|CLEARWAY_MQTT_INGEST_PASSWORD=$(secret)|" \
      -e "s|^CLEARWAY_MQTT_DISPATCH_PASSWORD=$|CLEARWAY_MQTT_DISPATCH_PASSWORD=$(secret)|" \
      -e "s|^CLEARWAY_MQTT_SIMULATOR_PASSWORD=$|CLEARWAY_MQTT_SIMULATOR_PASSWORD=$(secret)|" \
      -e "s|^CLEARWAY_MQTT_HEALTHCHECK_PASSWORD=$|CLEARWAY_MQTT_HEALTHCHECK_PASSWORD=$(secret)|" \
      -e "s|^GRAFANA_ADMIN_PASSWORD=$|GRAFANA_ADMIN_PASSWORD=$(secret)|" \
      -e "s|^CLEARWAY_API_TOKENS=$|CLEARWAY_API_TOKENS=$(printf %s "$token" | sha256sum | cut -d' ' -f1)=admin:*|" \
      .env.example > .env
  if grep -qE '^[A-Z_]+=$' .env; then
    echo "deploy/compose/.env.example has settings this script does not fill: set them in deploy/compose/.env" >&2
    grep -E '^[A-Z_]+=$' .env >&2
    exit 1
  fi
  echo "Created deploy/compose/.env with random passwords (keep it; the database keeps its first password)."
  echo "Dashboard API admin token (shown once, only its SHA-256 is stored): $token"
fi

# The broker's certificate, the devices' CA and its CRL: a local CA the first time (kept in deploy/compose/tls/).
./tls.sh init

profiles=()
if [ -n "${CLEARWAY_COMPOSE_PROFILES:-}" ]; then
  IFS=, read -ra names <<< "$CLEARWAY_COMPOSE_PROFILES"
  for p in "${names[@]}"; do profiles+=(--profile "$p"); done
fi
exec docker compose -f compose.yaml "${profiles[@]}" up -d --build "$@"
