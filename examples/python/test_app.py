"""pytest for the Python example app: the wheel built by jsii-pacmak, used as a Python CDK user would.

Run by `npx projen test:python` (which builds the wheel and installs it with the pinned requirements into a fresh
virtualenv): see README "Python and Java".
"""
import json
import os
import re
import textwrap

import pytest
from aws_cdk import App, Stack
from aws_cdk import aws_ec2 as ec2
from aws_cdk.assertions import Match, Template

from app import CacheStack, build_app
from cdk_hitrust_redis import CompliantRedisReplicationGroup, HitrustRuleId

HERE = os.path.dirname(os.path.abspath(__file__))


@pytest.fixture(scope="module")
def synthesized(tmp_path_factory):
    outdir = str(tmp_path_factory.mktemp("cdk.out"))
    app = build_app(outdir)
    app.synth()
    stack = next(c for c in app.node.children if isinstance(c, CacheStack))
    with open(os.path.join(outdir, "hitrust-evidence.json"), encoding="utf-8") as f:
        evidence = json.load(f)
    return stack, Template.from_stack(stack), evidence


def group_named(template, construct_id):
    groups = template.find_resources("AWS::ElastiCache::ReplicationGroup")
    return next(props for logical_id, props in groups.items() if logical_id.startswith(construct_id))


def test_default_group_is_encrypted_multi_az_and_authenticated(synthesized):
    _, template, _ = synthesized
    props = group_named(template, "Cache")["Properties"]
    assert props["TransitEncryptionEnabled"] is True
    assert props["TransitEncryptionMode"] == "required"
    assert props["AtRestEncryptionEnabled"] is True
    assert "KmsKeyId" in props
    assert props["MultiAZEnabled"] is True
    assert props["AutomaticFailoverEnabled"] is True
    assert props["SnapshotRetentionLimit"] == 35
    assert len(props["UserGroupIds"]) == 1


def test_the_function_may_connect_on_the_cache_port_only(synthesized):
    _, template, _ = synthesized
    template.has_resource_properties("AWS::EC2::SecurityGroupIngress", {
        "IpProtocol": "tcp",
        "FromPort": 6380,
        "ToPort": 6380,
        "SourceSecurityGroupId": Match.any_value(),
    })
    template.has_resource_properties("AWS::IAM::Policy", {
        "PolicyDocument": {"Statement": Match.array_with([
            Match.object_like({"Action": Match.array_with(["secretsmanager:GetSecretValue"]), "Effect": "Allow"}),
        ])},
    })


def test_the_iam_group_has_three_shards_and_grants_elasticache_connect(synthesized):
    _, template, _ = synthesized
    props = group_named(template, "Sessions")["Properties"]
    assert props["NumNodeGroups"] == 3
    assert props["ReplicasPerNodeGroup"] == 1
    assert props["TransitEncryptionMode"] == "required"
    template.has_resource_properties("AWS::ElastiCache::User", {"AuthenticationMode": {"Type": "iam"}})
    template.has_resource_properties("AWS::IAM::Policy", {
        "PolicyDocument": {"Statement": Match.array_with([
            Match.object_like({"Action": "elasticache:Connect", "Effect": "Allow"}),
        ])},
    })


def test_the_escape_hatch_reaches_the_template(synthesized):
    _, template, _ = synthesized
    assert group_named(template, "Cache")["Properties"]["Port"] == 6379


def test_evidence_records_the_attestation_and_the_acknowledged_finding(synthesized):
    _, _, evidence = synthesized
    assert evidence["schemaVersion"] == 2
    assert evidence["pack"] == "HITRUST.CSF"
    controls = {c["controlId"]: c for c in evidence["controls"]}
    assert controls["HIPAA 164.308"]["status"] == "attested"
    assert evidence["missingAttestations"] == []
    [ack] = evidence["acknowledgements"]
    assert ack["ruleId"] == HitrustRuleId.ELASTICACHE_NON_DEFAULT_PORT
    assert "CHG-1234" in ack["reason"]
    acknowledged = [c for c in evidence["controls"] if c["status"] == "acknowledged"]
    assert acknowledged and all(HitrustRuleId.ELASTICACHE_NON_DEFAULT_PORT in c["rules"] for c in acknowledged)
    assert not [c["controlId"] for c in evidence["controls"] if c["status"] == "not met"]
    assert evidence["totals"]["not met"] == 0


def test_the_rule_ids_are_the_strings_the_pack_reports():
    assert HitrustRuleId.ELASTICACHE_NON_DEFAULT_PORT == "HITRUST.CSF-ElastiCacheNonDefaultPort"


def test_a_bad_prop_raises_naming_the_prop_the_value_and_the_control():
    stack = Stack(App(), "Bad")
    vpc = ec2.Vpc(stack, "Vpc")
    with pytest.raises(Exception) as raised:
        CompliantRedisReplicationGroup(stack, "Cache", vpc=vpc, replicas_per_shard=0)
    message = str(raised.value)
    assert "replicasPerShard" in message
    assert "got: 0" in message
    assert "HITRUST 1410.09e2" in message


def readme_python_blocks():
    with open(os.path.join(HERE, "..", "..", "README.md"), encoding="utf-8") as f:
        return re.findall(r"```python\n(.*?)```", f.read(), re.S)


def app_excerpts():
    with open(os.path.join(HERE, "app.py"), encoding="utf-8") as f:
        source = f.read()
    return re.findall(r"# README:(\w+)\n(.*?)\n\s*# README:end", source, re.S)


def test_the_readme_python_section_is_this_app():
    blocks = readme_python_blocks()
    excerpts = app_excerpts()
    assert len(excerpts) == 4
    for name, code in excerpts:
        assert any(textwrap.dedent(code).strip() in block for block in blocks), f"README lacks the app's '{name}' excerpt"


def test_it_runs_on_the_aws_cdk_lib_floor_the_package_names():
    from importlib.metadata import requires, version

    [floor] = [r for r in requires("cdk-hitrust-redis") if r.startswith("aws-cdk-lib")]
    assert re.search(r">=([\d.]+)", floor).group(1) == version("aws-cdk-lib")
