package io.github.cdkhitrustredis.example;

import java.util.List;

import io.github.cdkhitrustredis.CacheAuthentication;
import io.github.cdkhitrustredis.CompliantRedisReplicationGroup;
import io.github.cdkhitrustredis.HitrustRuleId;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.constructs.Construct;

/** A VPC without internet routes, a default cache opened to one function, and an IAM-auth 3-shard cache. */
public class CacheStack extends Stack {
    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "us-east-1";

    public CacheStack(final Construct scope, final String id) {
        super(scope, id, StackProps.builder()
                .env(Environment.builder().account(ACCOUNT).region(REGION).build())
                .build());
        Vpc vpc = Vpc.Builder.create(this, "Vpc").maxAzs(3).natGateways(0)
                .subnetConfiguration(List.of(SubnetConfiguration.builder()
                        .name("cache").subnetType(SubnetType.PRIVATE_ISOLATED).cidrMask(24).build()))
                .build();
        // the rotation and archive functions reach their APIs through endpoints
        vpc.addInterfaceEndpoint("SecretsManager", InterfaceVpcEndpointOptions.builder()
                .service(InterfaceVpcEndpointAwsService.SECRETS_MANAGER).build());
        vpc.addInterfaceEndpoint("ElastiCache", InterfaceVpcEndpointOptions.builder()
                .service(InterfaceVpcEndpointAwsService.ELASTICACHE).build());
        vpc.addInterfaceEndpoint("Sns", InterfaceVpcEndpointOptions.builder()
                .service(InterfaceVpcEndpointAwsService.SNS).build());
        vpc.addGatewayEndpoint("S3", GatewayVpcEndpointOptions.builder()
                .service(GatewayVpcEndpointAwsService.S3).build());
        Function fn = Function.Builder.create(this, "Orders").vpc(vpc).runtime(Runtime.NODEJS_24_X)
                .handler("index.handler").code(Code.fromInline("exports.handler = async () => {};")).build();

        // README:usage
        CompliantRedisReplicationGroup cache = CompliantRedisReplicationGroup.Builder.create(this, "Cache")
                .vpc(vpc)
                .build();
        cache.getConnections().allowDefaultPortFrom(fn); // the only way in: the security group starts closed
        cache.grantConnect(fn); // read the credentials secret
        // README:end

        // README:iam
        CompliantRedisReplicationGroup sessions = CompliantRedisReplicationGroup.Builder.create(this, "Sessions")
                .vpc(vpc)
                .authentication(CacheAuthentication.iam())
                .shards(3)
                .replicasPerShard(1)
                .build();
        sessions.getConnections().allowDefaultPortFrom(fn);
        sessions.grantConnect(fn); // elasticache:Connect on the user group and the user
        // README:end

        // README:acknowledge
        cache.getResource().addPropertyOverride("Port", 6379); // an escape hatch the pack reads from the template
        Validations.of(cache).acknowledge(Acknowledgment.builder()
                .id(HitrustRuleId.ELASTICACHE_NON_DEFAULT_PORT)
                .reason("Third-party appliances only speak 6379; the security group admits only them (CHG-1234)")
                .build());
        // README:end
    }
}
