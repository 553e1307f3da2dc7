#!/usr/bin/env bash
# Builds, packages, installs, approves and commits the MeridianLedger chaincode
# (audit/chaincode) on the meridian-audit channel with the Fabric 2.x
# lifecycle, then stores the region-authorisation config with InitConfig.
#
#   infra/fabric/scripts/deploy-chaincode.sh [VERSION] [SEQUENCE]
#     first deployment:  deploy-chaincode.sh 0.1.0 1   (init required, InitConfig runs)
#     upgrade:           deploy-chaincode.sh 0.2.0 2   (no init: the config is already on the chain)
#
# Run after scripts/network.sh up. Needs the Fabric 2.5 `peer` binary and Node
# (for the build). Untested here: no Docker engine on these machines.
set -euo pipefail
source "$(dirname "$0")/env.sh"
need peer node npm

VERSION="${1:-0.1.0}"
SEQUENCE="${2:-1}"
LABEL="${CHAINCODE_NAME}_${VERSION}"
BUILD="$FABRIC_DIR/build"
PKG="$BUILD/$LABEL.tar.gz"
# Any two of the three regions must endorse every transaction (same as the
# channel's MAJORITY Endorsement default, spelled out so it survives channel
# config changes).
POLICY="OutOf(2,'EUMSP.peer','SEAMSP.peer','MEMSP.peer')"
INIT_FLAGS=()
[[ "$SEQUENCE" == "1" ]] && INIT_FLAGS=(--init-required)
ORDERER_FLAGS=(-o "$ORDERER_ADDRESS" --ordererTLSHostnameOverride "$ORDERER_HOST" --tls --cafile "$ORDERER_CA")

echo "== building @meridian/ledger-chaincode"
(cd "$REPO_ROOT" && npm run build -w @meridian/ledger-chaincode)

echo "== staging the package (package.json + compiled dist; the peer runs npm install --production)"
rm -rf "$BUILD/chaincode" && mkdir -p "$BUILD/chaincode"
cp "$REPO_ROOT/audit/chaincode/package.json" "$BUILD/chaincode/"
cp -R "$REPO_ROOT/audit/chaincode/dist" "$BUILD/chaincode/dist"
rm -f "$BUILD/chaincode/dist/"*.map

echo "== packaging $LABEL"
peer lifecycle chaincode package "$PKG" --path "$BUILD/chaincode" --lang node --label "$LABEL"
PACKAGE_ID="$(peer lifecycle chaincode calculatepackageid "$PKG")"
echo "package id: $PACKAGE_ID"

for r in "${REGIONS[@]}"; do
  use_org "$r"
  if peer lifecycle chaincode queryinstalled --output json | grep -q "\"$PACKAGE_ID\""; then
    echo "== already installed on peer0.$r"
  else
    echo "== installing on peer0.$r (the peer builds the Node image: takes minutes)"
    peer lifecycle chaincode install "$PKG"
  fi
done

for r in "${REGIONS[@]}"; do
  use_org "$r"
  echo "== approving for ${MSP_OF[$r]}"
  peer lifecycle chaincode approveformyorg "${ORDERER_FLAGS[@]}" --channelID "$CHANNEL_NAME" --name "$CHAINCODE_NAME" \
    --version "$VERSION" --package-id "$PACKAGE_ID" --sequence "$SEQUENCE" --signature-policy "$POLICY" "${INIT_FLAGS[@]}"
done

use_org eu
peer lifecycle chaincode checkcommitreadiness --channelID "$CHANNEL_NAME" --name "$CHAINCODE_NAME" --version "$VERSION" \
  --sequence "$SEQUENCE" --signature-policy "$POLICY" "${INIT_FLAGS[@]}" --output json

PEER_FLAGS=()
for r in "${REGIONS[@]}"; do PEER_FLAGS+=(--peerAddresses "localhost:${PORT_OF[$r]}" --tlsRootCertFiles "$(peer_tls_ca "$r")"); done

echo "== committing the definition"
peer lifecycle chaincode commit "${ORDERER_FLAGS[@]}" --channelID "$CHANNEL_NAME" --name "$CHAINCODE_NAME" --version "$VERSION" \
  --sequence "$SEQUENCE" --signature-policy "$POLICY" "${INIT_FLAGS[@]}" "${PEER_FLAGS[@]}"
peer lifecycle chaincode querycommitted --channelID "$CHANNEL_NAME" --name "$CHAINCODE_NAME"

if [[ "$SEQUENCE" == "1" ]]; then
  echo "== InitConfig (first transaction, --isInit) with infra/fabric/ledger-config.json"
  CONFIG_ARG="$(node -e 'const fs=require("fs");process.stdout.write(JSON.stringify(JSON.stringify(JSON.parse(fs.readFileSync(process.argv[1],"utf8")))))' "$FABRIC_DIR/ledger-config.json")"
  use_org eu
  # Two endorsing regions satisfy OutOf(2, ...).
  peer chaincode invoke "${ORDERER_FLAGS[@]}" -C "$CHANNEL_NAME" -n "$CHAINCODE_NAME" --isInit --waitForEvent \
    --peerAddresses "localhost:${PORT_OF[eu]}" --tlsRootCertFiles "$(peer_tls_ca eu)" \
    --peerAddresses "localhost:${PORT_OF[sea]}" --tlsRootCertFiles "$(peer_tls_ca sea)" \
    -c "{\"function\":\"InitConfig\",\"Args\":[$CONFIG_ARG]}"
fi

echo "== smoke queries"
for r in "${REGIONS[@]}"; do
  use_org "$r"
  peer chaincode query -C "$CHANNEL_NAME" -n "$CHAINCODE_NAME" -c "{\"function\":\"GetHead\",\"Args\":[\"$r\"]}"
done
peer chaincode query -C "$CHANNEL_NAME" -n "$CHAINCODE_NAME" -c '{"function":"GetConfig","Args":[]}'
echo "Deployed $LABEL (sequence $SEQUENCE). Region nodes: source infra/fabric/env/<region>.env"
