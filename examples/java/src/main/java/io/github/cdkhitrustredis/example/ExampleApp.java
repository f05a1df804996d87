package io.github.cdkhitrustredis.example;

import java.util.List;
import java.util.Map;

import io.github.cdkhitrustredis.HitrustAttestation;
import io.github.cdkhitrustredis.HitrustChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Validations;

/** The Java example app: `mvn compile exec:java` is not needed, the tests build and synthesize it. */
public final class ExampleApp {
    /** The availability zones the CDK CLI would otherwise look up with credentials (cdk.context.json's role). */
    private static final Map<String, Object> CONTEXT = Map.of(
            "availability-zones:account=" + CacheStack.ACCOUNT + ":region=" + CacheStack.REGION,
            List.of("us-east-1a", "us-east-1b", "us-east-1c"));

    private ExampleApp() {
    }

    /** The app with the HITRUST pack registered: a finding fails the synth, which writes hitrust-evidence.json. */
    public static App build(final String outdir) {
        App app = App.Builder.create().outdir(outdir).context(CONTEXT).build();
        // README:checks
        Validations.of(app).addPlugins(HitrustChecks.Builder.create(app)
                .attestations(List.of(HitrustAttestation.builder()
                        .controlId("HIPAA 164.308")
                        .statement("AWS BAA accepted in AWS Artifact for account 123456789012")
                        .attestedBy("Jane Doe, Security Officer")
                        .date("2026-01-15")
                        .build()))
                .build());
        // README:end
        new CacheStack(app, "HitrustRedisJava");
        return app;
    }

    public static void main(final String[] args) {
        build(args.length > 0 ? args[0] : "cdk.out").synth();
    }
}
