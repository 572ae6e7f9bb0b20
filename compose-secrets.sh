#!/usr/bin/env bash
# Writes .env for docker-compose.yml with fresh secrets, once: the ledger's MAC key (shared with the query services),
# its Ed25519 checkpoint key pair (the public half is what auditors verify with), the query services' cursor secret and
# cluster secret (what they sign requests passed between them with), and the poller's redaction key. The file is readable by its owner only and is ignored by git; an existing one is kept.
set -euo pipefail
cd "$(dirname "$0")"
if [[ -f .env ]]; then
  echo ".env exists; delete it first to make new secrets (the ledger's signatures and MACs then change from that point)." >&2
  exit 1
fi
command -v openssl >/dev/null || { echo "openssl is needed (apt-get install openssl)" >&2; exit 2; }
umask 077
private_pem=$(openssl genpkey -algorithm ed25519)
body() { grep -v -- '-----' | tr -d '\n'; }
{
  echo "LEDGER_MAC_KEY=$(openssl rand -base64 32)"
  echo "LEDGER_CHECKPOINTS_SIGNING_KEY=$(printf '%s\n' "$private_pem" | body)"
  echo "LEDGER_CHECKPOINTS_PUBLIC_KEY=$(printf '%s\n' "$private_pem" | openssl pkey -pubout | body)"
  echo "QUERY_CURSOR_SECRET=$(openssl rand -base64 32)"
  echo "QUERY_CLUSTER_SECRET=$(openssl rand -base64 32)"
  echo "POLLER_REDACTION_KEY=$(openssl rand -base64 32)"
} > .env
echo "wrote .env (mode 600); the checkpoint public key for ledger-audit verify --public-key is LEDGER_CHECKPOINTS_PUBLIC_KEY in it"
