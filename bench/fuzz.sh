#!/usr/bin/env bash
# Fuzzes request parsing and LLM-reply parsing with Jazzer (jazzer-junit from Maven Central):
# each target runs until 1,000,000 executions (or 30 minutes) and stops at the first finding,
# which Jazzer writes as crash-* into the repository root with the input that caused it.
# Usage: bench/fuzz.sh [TestClass ...]   (default: both targets). Results: docs/threat-model.md.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=("${@:-RequestParsingFuzzTest LlmReplyFuzzTest}")
for target in ${targets[@]}; do
  echo "== fuzzing $target"
  JAZZER_FUZZ=1 ./mvnw -B -o -q test -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
    -Dspotless.check.skip=true -Dassay.excludedGroups=own-jvm,rate-limit-profile 2>&1 \
    | grep -E "^#[0-9]+ +(DONE|pulse)|^Done [0-9]+ runs|FuzzTestFinding|Tests run:" | tail -n 6
done
