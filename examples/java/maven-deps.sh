#!/usr/bin/env bash
# Usage: maven-deps.sh <local Maven repository>
#
# Puts into the local Maven repository what the jar's build (package:java) and the Java example need and Maven Central,
# as this project's machines reach it, does not resolve.
#
# 1. aws-cdk-lib. Maven Central, as this project's machines reach it, serves aws-cdk-lib for Java only up to 2.263.0, below the
# library's floor (CDK_VERSION in .projenrc.ts; 2.263.0 rejects cdk-nag's finding IDs in Validations.acknowledge), and
# cdk-cloud-assembly-schema only up to 54.x. This script builds the Java binding of the aws-cdk-lib that npm installed
# (the pinned dev dependency, which is the floor) and of the cloud-assembly-schema it depends on, from their jsii
# assemblies with jsii-pacmak (the generator of the artifacts AWS publishes), and installs both into the given local
# Maven repository, without javadoc or source jars. About 4 minutes and 4.5 GB on 2 cores; skipped when the repository
# has them. A consumer gets these artifacts from Maven Central.
set -euo pipefail
repo="$1"
cd "$(dirname "$0")/../.."
lib_dir=$(node -p "path.dirname(require.resolve('aws-cdk-lib/package.json'))")
schema_dir=$(node -p "path.dirname(require.resolve('@aws-cdk/cloud-assembly-schema/package.json', { paths: ['$lib_dir'] }))")
lib_version=$(node -p "require('$lib_dir/package.json').version")
schema_version=$(node -p "require('$schema_dir/package.json').version")
lib_jar="$repo/software/amazon/awscdk/aws-cdk-lib/$lib_version/aws-cdk-lib-$lib_version.jar"
schema_jar="$repo/software/amazon/awscdk/cdk-cloud-assembly-schema/$schema_version/cdk-cloud-assembly-schema-$schema_version.jar"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -f "$lib_jar" ] && [ -f "$schema_jar" ]; then
  echo "aws-cdk-lib $lib_version and cloud-assembly-schema $schema_version for Java are in $repo"
else
  echo "building the Java binding of aws-cdk-lib $lib_version and cloud-assembly-schema $schema_version into $repo"
  npx jsii-pacmak --code-only --no-npmignore --target java --outdir "$work/schema" "$schema_dir"
  npx jsii-pacmak --code-only --no-npmignore --target java --outdir "$work/lib" "$lib_dir"
  for module in schema lib; do
    mvn -B -q -f "$work/$module/java/pom.xml" -Dmaven.repo.local="$repo" \
      -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -Dgpg.skip install
  done
fi

# 2. cdk-nag. Maven Central serves io.github.cdklabs:cdknag 3.0.2, but its version list (maven-metadata.xml) as served
# here ends at 2.37.55, so the jar's dependency range [3.0.2,4.0.0) finds "No versions available". The version the
# peer dependency names is downloaded from Central and installed locally, which lists it in the local repository's
# metadata, where range resolution also looks.
nag_version=$(node -p "require('cdk-nag/package.json').version")
nag="$repo/io/github/cdklabs/cdknag"
if grep -qs "<version>$nag_version</version>" "$nag/maven-metadata-local.xml"; then
  echo "cdk-nag $nag_version for Java is listed in $repo"
else
  mvn -B -q -Dmaven.repo.local="$repo" dependency:get -Dartifact="io.github.cdklabs:cdknag:$nag_version" -Dtransitive=false
  mvn -B -q -Dmaven.repo.local="$repo" dependency:get -Dartifact="io.github.cdklabs:cdknag:$nag_version:pom" -Dtransitive=false
  cp "$nag/$nag_version/cdknag-$nag_version.jar" "$nag/$nag_version/cdknag-$nag_version.pom" "$work/"
  mvn -B -q -Dmaven.repo.local="$repo" install:install-file -Dfile="$work/cdknag-$nag_version.jar" -DpomFile="$work/cdknag-$nag_version.pom"
fi
