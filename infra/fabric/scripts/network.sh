#!/usr/bin/env bash
# Brings the Meridian audit-ledger Fabric network up or down on one Docker host.
#
#   infra/fabric/scripts/network.sh up     # crypto, channel block, containers, channel joins
#   infra/fabric/scripts/network.sh down   # containers, volumes, generated crypto
#
# Needs Docker with the compose plugin and the Fabric 2.5 binaries (cryptogen,
# configtxgen, osnadmin, peer) on PATH. Untested here: the development
# machines of this repository have no Docker engine (see README.md).
set -euo pipefail
source "$(dirname "$0")/env.sh"

up() {
  need docker cryptogen configtxgen osnadmin peer
  if [[ ! -d "$ORGS" ]]; then
    echo "== generating identities (cryptogen; use Fabric CA in production)"
    cryptogen generate --config="$FABRIC_DIR/crypto-config.yaml" --output="$ORGS"
  fi

  echo "== channel genesis block for $CHANNEL_NAME"
  mkdir -p "$FABRIC_DIR/channel-artifacts"
  local block="$FABRIC_DIR/channel-artifacts/$CHANNEL_NAME.block"
  (cd "$FABRIC_DIR" && configtxgen -configPath "$FABRIC_DIR" -profile MeridianAuditChannel -channelID "$CHANNEL_NAME" -outputBlock "$block")

  echo "== starting orderers and peers"
  docker compose -f "$COMPOSE_FILE" up -d

  echo "== joining the orderers to $CHANNEL_NAME (channel participation API)"
  local i admin_port tls
  for i in 0 1 2; do
    admin_port=$((7053 + i * 1000))
    tls="$ORGS/ordererOrganizations/orderer.meridian.example/orderers/orderer$i.orderer.meridian.example/tls"
    retry osnadmin channel join --channelID "$CHANNEL_NAME" --config-block "$block" \
      -o "localhost:$admin_port" --ca-file "$ORDERER_CA" --client-cert "$tls/server.crt" --client-key "$tls/server.key"
  done

  echo "== joining each region's peer"
  local r
  for r in "${REGIONS[@]}"; do
    use_org "$r"
    retry peer channel join -b "$block"
  done
  echo "Network up. Next: infra/fabric/scripts/deploy-chaincode.sh"
}

down() {
  docker compose -f "$COMPOSE_FILE" down --volumes --remove-orphans || true
  # Chaincode containers and images the peers built.
  docker ps -aq --filter "name=dev-peer0" | xargs -r docker rm -f
  docker images -q "dev-peer0*" | xargs -r docker rmi -f
  rm -rf "$ORGS" "$FABRIC_DIR/channel-artifacts" "$FABRIC_DIR/build"
}

retry() {
  local n=0
  until "$@"; do
    n=$((n + 1))
    [[ $n -ge 5 ]] && { echo "failed after $n attempts: $*" >&2; return 1; }
    sleep 3
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
