#!/usr/bin/env bash
# The jar (`npx projen package:java`, after package:prepare): jsii-pacmak --target java builds it with Maven against the
# local Maven repository, into which maven-deps.sh first puts what Maven Central does not resolve here (the Java binding of
# aws-cdk-lib, cdk-nag's listing: see there why).
set -euo pipefail
cd "$(dirname "$0")/../.."
# the local repository in effect (~/.m2/repository, or -Dmaven.repo.local in MAVEN_OPTS as CI sets it); written to a
# file because Maven colours what it prints even in batch mode
out=$(mktemp)
mvn -B -q help:evaluate -Dexpression=settings.localRepository -Doutput="$out" >/dev/null
repo=$(cat "$out")
rm -f "$out"
bash examples/java/maven-deps.sh "$repo"
npx jsii-pacmak -v --target java --rosetta-unknown-snippets fail --maven-local-repository "$repo"
