"""A Python CDK app that uses cdk-hitrust-redis through its jsii bindings.

The README's Python section is taken from this file (test_app.py checks it). ``pytest`` in this folder
synthesizes it: see README "Python and Java".
"""
import os
import sys

from aws_cdk import Acknowledgment, App, Stack, Validations
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from cdk_hitrust_redis import (
    CacheAuthentication,
    CompliantRedisReplicationGroup,
    HitrustAttestation,
    HitrustChecks,
    HitrustRuleId,
)

ACCOUNT = "123456789012"
REGION = "us-east-1"
# The availability zones the CDK CLI would otherwise look up with credentials (cdk.context.json's role).
CONTEXT = {
    f"availability-zones:account={ACCOUNT}:region={REGION}": ["us-east-1a", "us-east-1b", "us-east-1c"],
}


class CacheStack(Stack):
    """A VPC without internet routes, a default cache opened to one function, and an IAM-auth 3-shard cache."""

    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id, env={"account": ACCOUNT, "region": REGION})
        vpc = ec2.Vpc(self, "Vpc", max_azs=3, nat_gateways=0, subnet_configuration=[
            ec2.SubnetConfiguration(name="cache", subnet_type=ec2.SubnetType.PRIVATE_ISOLATED, cidr_mask=24),
        ])
        # the rotation and archive functions reach their APIs through endpoints
        vpc.add_interface_endpoint("SecretsManager", service=ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER)
        vpc.add_interface_endpoint("ElastiCache", service=ec2.InterfaceVpcEndpointAwsService.ELASTICACHE)
        vpc.add_interface_endpoint("Sns", service=ec2.InterfaceVpcEndpointAwsService.SNS)
        vpc.add_gateway_endpoint("S3", service=ec2.GatewayVpcEndpointAwsService.S3)
        fn = lambda_.Function(self, "Orders", vpc=vpc, runtime=lambda_.Runtime.NODEJS_24_X,
                              handler="index.handler", code=lambda_.Code.from_inline("exports.handler = async () => {};"))
        self.function = fn

        # README:usage
        cache = CompliantRedisReplicationGroup(self, "Cache", vpc=vpc)
        cache.connections.allow_default_port_from(fn)  # the only way in: the security group starts closed
        cache.grant_connect(fn)  # read the credentials secret
        # README:end
        self.cache = cache

        # README:iam
        sessions = CompliantRedisReplicationGroup(self, "Sessions", vpc=vpc,
            authentication=CacheAuthentication.iam(),
            shards=3,
            replicas_per_shard=1,
        )
        sessions.connections.allow_default_port_from(fn)
        sessions.grant_connect(fn)  # elasticache:Connect on the user group and the user
        # README:end
        self.sessions = sessions

        # README:acknowledge
        cache.resource.add_property_override("Port", 6379)  # an escape hatch the pack reads from the template
        Validations.of(cache).acknowledge(Acknowledgment(
            id=HitrustRuleId.ELASTICACHE_NON_DEFAULT_PORT,
            reason="Third-party appliances only speak 6379; the security group admits only them (CHG-1234)",
        ))
        # README:end


def build_app(outdir: str) -> App:
    """The app with the HITRUST pack registered: a finding fails the synth, which writes hitrust-evidence.json."""
    app = App(outdir=outdir, context=CONTEXT)
    # README:checks
    Validations.of(app).add_plugins(HitrustChecks(app,
        attestations=[HitrustAttestation(
            control_id="HIPAA 164.308",
            statement="AWS BAA accepted in AWS Artifact for account 123456789012",
            attested_by="Jane Doe, Security Officer",
            date="2026-01-15",
        )],
    ))
    # README:end
    CacheStack(app, "HitrustRedisPython")
    return app


if __name__ == "__main__":
    build_app(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "cdk.out")).synth()
