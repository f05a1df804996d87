#!/usr/bin/env bash
# Compiles the Java example app against the jar that `npx projen package:java` built (dist/java) and runs its JUnit
# tests with Maven Surefire. Run by `npx projen test:java`; the reports (examples/java/target/surefire-reports) are
# counted by .ci/run.
set -euo pipefail
cd "$(dirname "$0")"
version=$(node -p "require('../../package.json').version")
cdk=$(node -p "require('aws-cdk-lib/package.json').version")
mvn -B -ntp clean test -Dcdk-hitrust-redis.version="$version" -Daws-cdk-lib.version="$cdk" "$@"
