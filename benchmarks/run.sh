#!/usr/bin/env bash
# Runs one benchmark against a real broker in its own process; results go to stdout (copy them to BENCHMARKS.md).
#   benchmarks/run.sh ledger [-Devents=1000000 -Dpartners=200 -Dpartitions=6 -Drounds=2]
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:?usage: benchmarks/run.sh ledger|query|poller|freshness|commit-visibility|audit|peer|recovery [-Dname=value ...]}
shift
case "$which" in
  ledger) main=io.orderledger.benchmarks.LedgerBenchmark ;;
  query) main=io.orderledger.benchmarks.QueryBenchmark ;;
  poller) main=io.orderledger.benchmarks.PollerBenchmark ;;
  freshness) main=io.orderledger.benchmarks.FreshnessBenchmark ;;
  commit-visibility) main=io.orderledger.benchmarks.CommitVisibilityBenchmark ;;
  audit) main=io.orderledger.benchmarks.AuditBenchmark ;;
  recovery) main=io.orderledger.benchmarks.RecoveryBenchmark ;;
  peer) main=io.orderledger.benchmarks.PeerBenchmark
    # The peer is PostgreSQL from Debian's packages, started by the benchmark with its data in a temporary folder.
    if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
      echo "installing PostgreSQL (Debian's postgresql package) ..."
      sudo_prefix=""; [ "$(id -u)" -ne 0 ] && sudo_prefix="sudo"
      $sudo_prefix apt-get update -qq && $sudo_prefix apt-get install -y -qq postgresql >/dev/null
    fi ;;
  *) echo "unknown benchmark: $which" >&2; exit 2 ;;
esac
mvn -B -q install -DskipTests -pl benchmarks,ledger-audit -am
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%MZ)"
exec java -Xms2g -Xmx2g -Dkafka.broker.classpath.file=local-stack/target/kafka-broker.classpath "$@" \
  -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" "$main"
