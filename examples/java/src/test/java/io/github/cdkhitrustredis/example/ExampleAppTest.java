package io.github.cdkhitrustredis.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdkhitrustredis.CompliantRedisReplicationGroup;
import io.github.cdkhitrustredis.HitrustRuleId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.Vpc;

/** The Java example app, synthesized once with the jar jsii-pacmak built, as a Java CDK user would. */
class ExampleAppTest {
    private static Template template;
    private static JsonNode evidence;

    @BeforeAll
    static void synthesize() throws IOException {
        Path outdir = Files.createTempDirectory("cdk.out");
        App app = ExampleApp.build(outdir.toString());
        app.synth();
        Stack stack = (Stack) app.getNode().findChild("HitrustRedisJava");
        template = Template.fromStack(stack);
        evidence = new ObjectMapper().readTree(outdir.resolve("hitrust-evidence.json").toFile());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> groupProperties(final String constructId) {
        return template.findResources("AWS::ElastiCache::ReplicationGroup").entrySet().stream()
                .filter(e -> e.getKey().startsWith(constructId))
                .map(e -> (Map<String, Object>) ((Map<String, Object>) e.getValue()).get("Properties"))
                .findFirst().orElseThrow();
    }

    @Test
    void defaultGroupIsEncryptedMultiAzAndAuthenticated() {
        Map<String, Object> props = groupProperties("Cache");
        assertEquals(true, props.get("TransitEncryptionEnabled"));
        assertEquals("required", props.get("TransitEncryptionMode"));
        assertEquals(true, props.get("AtRestEncryptionEnabled"));
        assertTrue(props.containsKey("KmsKeyId"));
        assertEquals(true, props.get("MultiAZEnabled"));
        assertEquals(true, props.get("AutomaticFailoverEnabled"));
        assertEquals(35, ((Number) props.get("SnapshotRetentionLimit")).intValue());
        assertEquals(1, ((List<?>) props.get("UserGroupIds")).size());
    }

    @Test
    void theFunctionMayConnectOnTheCachePortOnly() {
        template.hasResourceProperties("AWS::EC2::SecurityGroupIngress", Map.of(
                "IpProtocol", "tcp", "FromPort", 6380, "ToPort", 6380, "SourceSecurityGroupId", Match.anyValue()));
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Action", Match.arrayWith(List.of("secretsmanager:GetSecretValue")), "Effect", "Allow")))))));
    }

    @Test
    void theIamGroupHasThreeShardsAndGrantsElastiCacheConnect() {
        Map<String, Object> props = groupProperties("Sessions");
        assertEquals(3, ((Number) props.get("NumNodeGroups")).intValue());
        assertEquals(1, ((Number) props.get("ReplicasPerNodeGroup")).intValue());
        template.hasResourceProperties("AWS::ElastiCache::User", Map.of("AuthenticationMode", Map.of("Type", "iam")));
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Action", "elasticache:Connect", "Effect", "Allow")))))));
    }

    @Test
    void theEscapeHatchReachesTheTemplate() {
        assertEquals(6379, ((Number) groupProperties("Cache").get("Port")).intValue());
    }

    @Test
    void evidenceRecordsTheAttestationAndTheAcknowledgedFinding() {
        assertEquals(2, evidence.get("schemaVersion").asInt());
        assertEquals("HITRUST.CSF", evidence.get("pack").asText());
        List<String> notMet = new ArrayList<>();
        boolean attested = false;
        boolean acknowledged = false;
        for (JsonNode control : evidence.get("controls")) {
            String status = control.get("status").asText();
            if (status.equals("not met")) notMet.add(control.get("controlId").asText());
            if (control.get("controlId").asText().equals("HIPAA 164.308")) attested = status.equals("attested");
            if (status.equals("acknowledged")) acknowledged = true;
        }
        assertEquals(List.of(), notMet);
        assertTrue(attested);
        assertTrue(acknowledged);
        assertEquals(0, evidence.get("missingAttestations").size());
        assertEquals(1, evidence.get("acknowledgements").size());
        JsonNode ack = evidence.get("acknowledgements").get(0);
        assertEquals(HitrustRuleId.ELASTICACHE_NON_DEFAULT_PORT, ack.get("ruleId").asText());
        assertTrue(ack.get("reason").asText().contains("CHG-1234"));
    }

    @Test
    void theRuleIdsAreTheStringsThePackReports() {
        assertEquals("HITRUST.CSF-ElastiCacheNonDefaultPort", HitrustRuleId.ELASTICACHE_NON_DEFAULT_PORT);
    }

    @Test
    void aBadPropThrowsNamingThePropTheValueAndTheControl() {
        Stack stack = new Stack(new App(), "Bad");
        Vpc vpc = new Vpc(stack, "Vpc");
        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> CompliantRedisReplicationGroup.Builder.create(stack, "Cache").vpc(vpc).replicasPerShard(0).build());
        String message = thrown.getMessage();
        assertTrue(message.contains("replicasPerShard"), message);
        assertTrue(message.contains("got: 0"), message);
        assertTrue(message.contains("HITRUST 1410.09e2"), message);
    }

    @Test
    void theReadmeJavaSectionIsThisApp() throws IOException {
        String readme = Files.readString(Path.of("..", "..", "README.md"));
        List<String> blocks = new ArrayList<>();
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (block.find()) blocks.add(block.group(1));
        Path sources = Path.of("src", "main", "java", "io", "github", "cdkhitrustredis", "example");
        String app = Files.readString(sources.resolve("CacheStack.java")) + Files.readString(sources.resolve("ExampleApp.java"));
        Matcher excerpt = Pattern.compile("// README:(\\w+)\\n(.*?)\\n\\s*// README:end", Pattern.DOTALL).matcher(app);
        int excerpts = 0;
        while (excerpt.find()) {
            excerpts++;
            String code = excerpt.group(2).stripIndent().strip();
            assertTrue(blocks.stream().anyMatch(b -> b.contains(code)), "README lacks the app's '" + excerpt.group(1) + "' excerpt");
        }
        assertEquals(4, excerpts);
        assertFalse(blocks.isEmpty());
    }
}
