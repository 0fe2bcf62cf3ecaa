using System.Text.Json;
using System.Text.Json.Nodes;
using Blux.Modules.Guard.Doctrine;
using Blux.SharedKernel.Crypto;

namespace Blux.UnitTests.Guard;

public sealed class ActiveDoctrineTests
{
    [Fact]
    public void The_shipped_doctrine_parses_with_its_rules_and_roles()
    {
        var loaded = DefaultDoctrine.Load();

        loaded.Document.DoctrineVersion.Should().BeGreaterThan(0);
        loaded.Document.DefaultEffect.Should().Be("allow");
        loaded.Document.Rules.Select(r => r.Id).Should().Contain(["sensitive-data-reflect-sandbox", "production-webhooks-need-approval", "no-critical-scripts"]);
        loaded.Document.Roles.Keys.Should().BeEquivalentTo("admin", "operator", "auditor", "approver", "service");
        loaded.Document.Roles["approver"].Should().BeEquivalentTo("tasks:read", "tasks:approve");
        loaded.MaxExecutionTime.Should().Be(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void The_shipped_doctrine_shows_every_task_to_admins_operators_and_auditors_only_and_wants_independent_approval()
    {
        var loaded = DefaultDoctrine.Load();

        loaded.Document.Roles.Where(r => r.Value.Contains("tasks:read_all")).Select(r => r.Key)
            .Should().BeEquivalentTo("admin", "operator", "auditor");
        loaded.Document.Roles.Where(r => r.Value.Contains("tasks:read_all")).Should().OnlyContain(r => r.Value.Contains("tasks:read"));
        loaded.Document.Flags.RequireIndependentApproval.Should().BeTrue();
    }

    [Fact]
    public void A_doctrine_without_the_independent_approval_flag_leaves_it_off()
    {
        var node = JsonNode.Parse(DefaultDoctrine.Text())!;
        node["flags"]!.AsObject().Remove("require_independent_approval");

        ActiveDoctrine.Parse(node.ToJsonString()).Document.Flags.RequireIndependentApproval.Should().BeFalse();
    }

    [Fact]
    public void The_digest_is_the_hash_of_the_canonical_doctrine()
    {
        var text = DefaultDoctrine.Text();

        DefaultDoctrine.Load().Digest.Should().Be(BluxHash.OfCanonical(JsonNode.Parse(text)));
    }

    [Fact]
    public void The_digest_ignores_formatting_but_not_content()
    {
        var text = DefaultDoctrine.Text();
        var node = JsonNode.Parse(text)!;
        var compact = node.ToJsonString();
        node["default_effect"] = "deny";

        ActiveDoctrine.Parse(compact).Digest.Should().Be(ActiveDoctrine.Parse(text).Digest);
        ActiveDoctrine.Parse(node.ToJsonString()).Digest.Should().NotBe(ActiveDoctrine.Parse(text).Digest);
    }

    [Theory]
    [InlineData("""{ "doctrine_version": 1, "surprise": true }""")]
    [InlineData("""{ "doctrine_version": 1, "flags": { "require_reflection": true, "sandbox_everything": true } }""")]
    [InlineData("""{ "doctrine_version": 1, "constraints": { "max_execution_time": "30s", "max_cpu": 2 } }""")]
    [InlineData("""{ "doctrine_version": 1, "rules": [{ "id": "r", "match": { "task_type": ["echo"] }, "effect": "deny" }] }""")]
    [InlineData("""{ "doctrine_version": 1, "rules": [{ "id": "r", "effect": "deny", "require": { "sandboxed": true } }] }""")]
    [InlineData("""{ "doctrine_version": 1, "rules": [{ "id": "r", "effect": "deny", "priority": 1 }] }""")]
    public void Unknown_fields_are_refused(string json)
    {
        var act = () => ActiveDoctrine.Parse(json);

        act.Should().Throw<JsonException>();
    }

    [Fact]
    public void Known_fields_alone_are_accepted()
    {
        var loaded = ActiveDoctrine.Parse("""{ "doctrine_version": 1, "rules": [{ "id": "r", "match": { "task_types": ["echo"] }, "effect": "deny", "require": { "sandbox": true } }] }""");

        loaded.Document.Rules.Should().ContainSingle().Which.Require!.Sandbox.Should().BeTrue();
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{ "doctrine_version": "one" }""")]
    [InlineData("""{ "doctrine_version": 1, "flags": { "require_reflection": "yes" } }""")]
    public void Malformed_doctrines_are_refused(string json)
    {
        var act = () => ActiveDoctrine.Parse(json);

        act.Should().Throw<JsonException>();
    }

    [Fact]
    public void A_bad_duration_in_the_constraints_is_refused()
    {
        var act = () => ActiveDoctrine.Parse("""{ "doctrine_version": 1, "constraints": { "max_execution_time": "soon" } }""");

        act.Should().Throw<FormatException>();
    }

    [Fact]
    public void Unknown_effects_are_refused()
    {
        var badRule = () => ActiveDoctrine.Parse("""{ "doctrine_version": 1, "rules": [{ "id": "r", "match": { "task_types": ["script"] }, "effect": "block" }] }""");
        var badDefault = () => ActiveDoctrine.Parse("""{ "doctrine_version": 1, "default_effect": "block" }""");

        badRule.Should().Throw<Exception>();
        badDefault.Should().Throw<Exception>();
    }

    [Theory]
    [InlineData("""{ "doctrine_version": 1, "flags": null }""")]
    [InlineData("""{ "doctrine_version": 1, "constraints": null }""")]
    [InlineData("""{ "doctrine_version": 1, "rules": null }""")]
    [InlineData("""{ "doctrine_version": 1, "rules": [null] }""")]
    [InlineData("""{ "doctrine_version": 1, "rules": [{ "id": "r", "match": null, "effect": "deny" }] }""")]
    [InlineData("""{ "doctrine_version": 1, "default_effect": null }""")]
    public void Null_sections_are_refused_when_the_doctrine_is_read(string json)
    {
        var act = () => ActiveDoctrine.Parse(json);

        act.Should().Throw<Exception>().Where(e => e is JsonException || e is FormatException);
    }

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("45", 45)]
    [InlineData("1.5m", 90)]
    public void ParseDuration_reads_the_doctrine_units(string text, int expectedSeconds)
    {
        ActiveDoctrine.ParseDuration(text).Should().Be(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("s")]
    [InlineData("10x")]
    [InlineData("0s")]
    [InlineData("-5s")]
    [InlineData("5 minutes")]
    public void ParseDuration_refuses_what_is_not_a_duration(string text)
    {
        var act = () => ActiveDoctrine.ParseDuration(text);

        act.Should().Throw<FormatException>();
    }

    [Theory]
    [InlineData("NaNs")]
    [InlineData("Infinitym")]
    [InlineData("1e300h")]
    public void ParseDuration_refuses_non_finite_or_out_of_range_values_with_a_format_error(string text)
    {
        var act = () => ActiveDoctrine.ParseDuration(text);

        act.Should().Throw<FormatException>();
    }
}
