#!/usr/bin/env bash
# Shared settings for the Fabric scripts: paths, names, and `use_org` to point
# the host `peer` CLI at one region's peer as that region's admin.
# Source it; do not run it.

FABRIC_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_ROOT="$(cd "$FABRIC_DIR/../.." && pwd)"
ORGS="$FABRIC_DIR/organizations"

CHANNEL_NAME="${CHANNEL_NAME:-meridian-audit}"
CHAINCODE_NAME="${CHAINCODE_NAME:-meridian-ledger}"
COMPOSE_FILE="$FABRIC_DIR/compose/docker-compose.yaml"

# The peer CLI reads core.yaml from FABRIC_CFG_PATH: point it at the `config`
# directory of the Fabric 2.5 binaries release (bin/ and config/ side by side).
if [[ -z "${FABRIC_CFG_PATH:-}" ]]; then
  if command -v peer >/dev/null 2>&1; then
    FABRIC_CFG_PATH="$(cd "$(dirname "$(command -v peer)")/../config" 2>/dev/null && pwd || true)"
  fi
fi
export FABRIC_CFG_PATH

export CORE_PEER_TLS_ENABLED=true
ORDERER_CA="$ORGS/ordererOrganizations/orderer.meridian.example/tlsca/tlsca.orderer.meridian.example-cert.pem"
ORDERER_ADDRESS="localhost:7050"
ORDERER_HOST="orderer0.orderer.meridian.example"

# region → MSP id, peer port
declare -A MSP_OF=([eu]=EUMSP [sea]=SEAMSP [me]=MEMSP)
declare -A PORT_OF=([eu]=7051 [sea]=9051 [me]=11051)
REGIONS=(eu sea me)

peer_tls_ca() { echo "$ORGS/peerOrganizations/$1.meridian.example/tlsca/tlsca.$1.meridian.example-cert.pem"; }

# use_org REGION: act as REGION's admin against REGION's peer.
use_org() {
  local r="$1"
  [[ -n "${MSP_OF[$r]:-}" ]] || { echo "unknown region: $r" >&2; return 1; }
  export CORE_PEER_LOCALMSPID="${MSP_OF[$r]}"
  export CORE_PEER_TLS_ROOTCERT_FILE="$(peer_tls_ca "$r")"
  export CORE_PEER_MSPCONFIGPATH="$ORGS/peerOrganizations/$r.meridian.example/users/Admin@$r.meridian.example/msp"
  export CORE_PEER_ADDRESS="localhost:${PORT_OF[$r]}"
}

need() {
  for bin in "$@"; do
    command -v "$bin" >/dev/null 2>&1 || { echo "missing '$bin' on PATH (Fabric 2.5 binaries: peer, orderer tools, configtxgen, cryptogen, osnadmin)" >&2; exit 1; }
  done
}
