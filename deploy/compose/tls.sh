#!/usr/bin/env bash
# Certificates of the Compose setup (issue 17), kept in deploy/compose/tls/ (ignored by git; its keys never leave
# this machine). With openssl:
#   tls.sh init                 a local CA (ca.crt, ca.key), the broker's and the API's certificate (server.crt,
#                               server.key) for localhost, 127.0.0.1, the Compose service names and the names in
#                               CLEARWAY_TLS_HOSTNAMES (comma-separated), the devices' CA (device-ca.crt,
#                               device-ca.key) and its empty CRL (crl.pem); keeps those that exist; copies the
#                               server's certificate and key and the CA for the API (api/)
#   tls.sh device <id>          a client certificate for bin or truck <id> (CN = id): devices/<id>.crt, .key
#   tls.sh revoke <id>          revokes <id>'s certificate and rewrites crl.pem; then reload the broker:
#                               docker compose -f deploy/compose/compose.yaml kill -s HUP mosquitto
# A city with its own PKI puts its server.crt (the chain), server.key, ca.crt, device-ca.crt and crl.pem there
# instead. CLEARWAY_TLS_DIR overrides the folder (the tests use a temporary one).
set -euo pipefail
dir=${CLEARWAY_TLS_DIR:-"$(cd "$(dirname "$0")" && pwd)/tls"}
command -v openssl >/dev/null || { echo "tls.sh: openssl is needed (apt-get install openssl)" >&2; exit 1; }
umask 077
mkdir -p "$dir/devices" "$dir/db"
chmod 0700 "$dir"

ca_config() {
  cat <<EOF
[ca]
default_ca = devices
[devices]
database = $dir/db/index.txt
serial = $dir/db/serial
crlnumber = $dir/db/crlnumber
default_md = sha256
default_crl_days = 30
unique_subject = no
EOF
}

ec_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

# The API runs as a non-root user: compose.yaml mounts api/ (0755, its files 0644) into it; tls/ itself stays 0700,
# so nobody else on this machine reads the key.
api_copies() {
  mkdir -p "$dir/api" && chmod 0755 "$dir/api"
  cp "$dir/server.crt" "$dir/api/api.crt.new" && cp "$dir/server.key" "$dir/api/api.key.new"
  if [ -f "$dir/ca.crt" ]; then cp "$dir/ca.crt" "$dir/api/ca.crt.new"; else cp "$dir/server.crt" "$dir/api/ca.crt.new"; fi
  chmod 0644 "$dir/api/"*.new
  for new in "$dir/api/"*.new; do mv "$new" "${new%.new}"; done
}

init() {
  if [ -f "$dir/server.crt" ] && [ -f "$dir/device-ca.crt" ] && [ -f "$dir/crl.pem" ]; then
    api_copies
    return 0
  fi
  ec_key "$dir/ca.key"
  openssl req -x509 -new -key "$dir/ca.key" -subj "/CN=Clearway local CA" -days 3650 -sha256 \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out "$dir/ca.crt"
  names="DNS:localhost,IP:127.0.0.1,IP:::1,DNS:mosquitto,DNS:api"
  IFS=, read -ra extra <<< "${CLEARWAY_TLS_HOSTNAMES:-}"
  for host in "${extra[@]}"; do
    if [[ $host =~ ^[0-9.]+$ ]]; then names="$names,IP:$host"; elif [ -n "$host" ]; then names="$names,DNS:$host"; fi
  done
  ec_key "$dir/server.key"
  openssl req -new -key "$dir/server.key" -subj "/CN=clearway" -out "$dir/server.csr"
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyAgreement\nextendedKeyUsage=serverAuth\nsubjectAltName=%s\n' \
    "$names" > "$dir/server.ext"
  openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 825 -sha256 \
    -extfile "$dir/server.ext" -out "$dir/server.crt" 2>/dev/null
  rm -f "$dir/server.csr" "$dir/server.ext"
  ec_key "$dir/device-ca.key"
  openssl req -x509 -new -key "$dir/device-ca.key" -subj "/CN=Clearway device CA" -days 3650 -sha256 \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out "$dir/device-ca.crt"
  : > "$dir/db/index.txt"
  echo 1000 > "$dir/db/crlnumber"
  crl
  api_copies
  echo "tls.sh: made a local CA in $dir. Devices and browsers must trust $dir/ca.crt, for example:"
  echo "  mosquitto_pub --cafile $dir/ca.crt -h localhost -p 8883 -u <bin id> -P <password> -t bins/<bin id>/telemetry -m ..."
  echo "  curl --cacert $dir/ca.crt https://localhost:8082/health"
  echo "  sudo cp $dir/ca.crt /usr/local/share/ca-certificates/clearway-local-ca.crt && sudo update-ca-certificates"
}

crl() {
  openssl ca -config <(ca_config) -gencrl -keyfile "$dir/device-ca.key" -cert "$dir/device-ca.crt" -out "$dir/crl.pem.new" 2>/dev/null
  mv "$dir/crl.pem.new" "$dir/crl.pem"
}

device() {
  local id=$1
  [[ $id =~ ^[A-Za-z0-9._-]+$ ]] || { echo "tls.sh: '$id' is not a bin or truck id" >&2; exit 2; }
  [[ $id != clearway-* ]] || { echo "tls.sh: ids starting with clearway- are the services'" >&2; exit 2; }
  ec_key "$dir/devices/$id.key"
  openssl req -new -key "$dir/devices/$id.key" -subj "/CN=$id" -out "$dir/devices/$id.csr"
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyAgreement\nextendedKeyUsage=clientAuth\n' \
    > "$dir/devices/$id.ext"
  openssl x509 -req -in "$dir/devices/$id.csr" -CA "$dir/device-ca.crt" -CAkey "$dir/device-ca.key" -CAcreateserial \
    -days 825 -sha256 -extfile "$dir/devices/$id.ext" -out "$dir/devices/$id.crt" 2>/dev/null
  rm -f "$dir/devices/$id.csr" "$dir/devices/$id.ext"
  echo "tls.sh: $dir/devices/$id.crt and $id.key for $id (install them in the device with $dir/ca.crt; port 8884)"
}

revoke() {
  local id=$1
  [ -f "$dir/devices/$id.crt" ] || { echo "tls.sh: no certificate of $id in $dir/devices" >&2; exit 2; }
  openssl ca -config <(ca_config) -revoke "$dir/devices/$id.crt" -keyfile "$dir/device-ca.key" \
    -cert "$dir/device-ca.crt" -crl_reason keyCompromise 2>/dev/null
  crl
  mv "$dir/devices/$id.crt" "$dir/devices/$id.crt.revoked"
  echo "tls.sh: revoked $id; reload the broker: docker compose -f deploy/compose/compose.yaml kill -s HUP mosquitto"
}

case "${1:-}" in
  init) init ;;
  device) device "${2:?tls.sh device <bin or truck id>}" ;;
  revoke) revoke "${2:?tls.sh revoke <bin or truck id>}" ;;
  *) echo "usage: tls.sh init | device <id> | revoke <id>" >&2; exit 2 ;;
esac
