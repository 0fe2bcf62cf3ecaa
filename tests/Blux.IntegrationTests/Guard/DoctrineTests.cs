using System.Net;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;

namespace Blux.IntegrationTests.Guard;

/// <summary>Doctrine as data: read, replaced without restart, refused when wrong, and applied by POST /v1/validate.</summary>
public sealed class DoctrineTests : IClassFixture<BluxFactory>
{
    private readonly BluxFactory _factory;

    public DoctrineTests(BluxFactory factory) => _factory = factory;

    [Fact]
    public async Task Each_effect_of_the_default_doctrine_is_decided_by_validate()
    {
        using var client = await _factory.AdminClientAsync();

        (await DecideAsync(client, "echo", "development", "low"))["decision"]!.GetValue<string>().Should().Be("allow");
        (await DecideAsync(client, "script", "development", "critical"))["decision"]!.GetValue<string>().Should().Be("deny");
        var held = await DecideAsync(client, "webhook", "production", "low");
        held["decision"]!.GetValue<string>().Should().Be("require_approval");
        held["reasons"]!.AsArray().Select(r => r!["rule_id"]?.GetValue<string>()).Should().Contain("production-webhooks-need-approval");
    }

    [Fact]
    public async Task Flags_and_rules_are_floors_a_request_cannot_relax()
    {
        using var client = await _factory.AdminClientAsync();

        var decision = await DecideAsync(client, "echo", "production", "high", reflection: false, sandbox: false, auditLevel: "none");

        var effective = decision["effective_requirements"]!;
        effective["require_reflection"]!.GetValue<bool>().Should().BeTrue();
        effective["sandbox_execution"]!.GetValue<bool>().Should().BeTrue();
        effective["audit_level"]!.GetValue<string>().Should().Be("detailed");

        var tightened = await DecideAsync(client, "echo", "development", "low", reflection: true, sandbox: true, auditLevel: "verbose");
        tightened["effective_requirements"]!["audit_level"]!.GetValue<string>().Should().Be("verbose");
        tightened["effective_requirements"]!["require_reflection"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task A_new_doctrine_applies_without_restart_is_audited_and_kept_in_history()
    {
        using var client = await _factory.AdminClientAsync();
        var current = await (await client.GetAsync("/v1/policies")).BodyAsync();
        current["digest"]!.GetValue<string>().Should().StartWith("sha256-");
        var next = WithoutDigest(current);
        var version = current["doctrine_version"]!.GetValue<long>() + 1;
        next["doctrine_version"] = version;
        next["rules"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "no-echo-in-staging",
            ["description"] = "Staging does not echo.",
            ["match"] = new JsonObject { ["task_types"] = new JsonArray("echo"), ["environments"] = new JsonArray("staging") },
            ["effect"] = "deny",
        });

        var put = await client.PutAsync("/v1/policies", Json.Content(next.ToJsonString()));

        put.StatusCode.Should().Be(HttpStatusCode.OK);
        var applied = await put.BodyAsync();
        applied["doctrine_version"]!.GetValue<long>().Should().Be(version);
        (await DecideAsync(client, "echo", "staging", "low"))["decision"]!.GetValue<string>().Should().Be("deny");
        (await DecideAsync(client, "echo", "staging", "low"))["doctrine_version"]!.GetValue<long>().Should().Be(version);

        var history = await (await client.GetAsync("/v1/policies/history")).BodyAsync();
        history["entries"]!.AsArray().Select(e => e!["doctrine_version"]!.GetValue<long>()).Should().Contain([version, version - 1]);
        var audit = await (await client.GetAsync("/v1/audit?operation=doctrine.update")).BodyAsync();
        audit["entries"]!.AsArray().Select(e => e!["output_hash"]!.GetValue<string>()).Should().Contain(applied["digest"]!.GetValue<string>());
        var status = await (await client.GetAsync("/v1/status")).BodyAsync();
        status["doctrine_version"]!.GetValue<long>().Should().Be(version);
    }

    [Theory]
    [InlineData("not json at all", "body", "malformed_json")]
    [InlineData("{\"doctrine_version\":99,\"surprise\":true}", "surprise", "unknown_field")]
    public async Task Broken_doctrines_are_refused_and_the_old_one_stays(string body, string field, string issue)
    {
        using var client = await _factory.AdminClientAsync();
        var before = (await (await client.GetAsync("/v1/policies")).BodyAsync())["digest"]!.GetValue<string>();

        var response = await client.PutAsync("/v1/policies", Json.Content(body));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var details = (await response.BodyAsync())["error"]!["details"]!;
        details["field"]!.GetValue<string>().Should().Be(field);
        details["issue"]!.GetValue<string>().Should().Be(issue);
        (await (await client.GetAsync("/v1/policies")).BodyAsync())["digest"]!.GetValue<string>().Should().Be(before);
    }

    [Theory]
    [InlineData("lower_version", HttpStatusCode.Conflict, "doctrine_version", "not_monotonic")]
    [InlineData("unknown_effect", HttpStatusCode.BadRequest, "rules[0].effect", "unknown_value")]
    [InlineData("unknown_scope", HttpStatusCode.BadRequest, "roles.auditor", "unknown_scope")]
    [InlineData("admin_lockout", HttpStatusCode.BadRequest, "roles.admin", "lockout")]
    [InlineData("null_rules", HttpStatusCode.BadRequest, "rules", "wrong_type")]
    [InlineData("unknown_audit_level", HttpStatusCode.BadRequest, "rules[0].require.audit_level", "unknown_value")]
    [InlineData("audit_level_in_other_case", HttpStatusCode.BadRequest, "rules[0].require.audit_level", "unknown_value")]
    [InlineData("audit_level_as_number", HttpStatusCode.BadRequest, "rules[0].require.audit_level", "wrong_type")]
    public async Task Meaningless_doctrines_are_refused_and_the_old_one_stays(string change, HttpStatusCode status, string field, string issue)
    {
        using var client = await _factory.AdminClientAsync();
        var current = await (await client.GetAsync("/v1/policies")).BodyAsync();
        var next = WithoutDigest(current);
        next["doctrine_version"] = current["doctrine_version"]!.GetValue<long>() + 1;
        switch (change)
        {
            case "lower_version":
                next["doctrine_version"] = current["doctrine_version"]!.GetValue<long>();
                break;
            case "unknown_effect":
                next["rules"]![0]!["effect"] = "block";
                break;
            case "unknown_scope":
                next["roles"]!["auditor"]!.AsArray().Add("audit:erase");
                break;
            case "admin_lockout":
                next["roles"]!["admin"] = new JsonArray("tasks:read");
                break;
            case "null_rules":
                next["rules"] = null;
                break;
            case "unknown_audit_level":
                next["rules"]![0]!["require"] = new JsonObject { ["audit_level"] = "everything" };
                break;
            case "audit_level_in_other_case":
                next["rules"]![0]!["require"] = new JsonObject { ["audit_level"] = "Verbose" };
                break;
            case "audit_level_as_number":
                next["rules"]![0]!["require"] = new JsonObject { ["audit_level"] = 3 };
                break;
        }

        var response = await client.PutAsync("/v1/policies", Json.Content(next.ToJsonString()));

        response.StatusCode.Should().Be(status);
        var details = (await response.BodyAsync())["error"]!["details"]!;
        details["field"]!.GetValue<string>().Should().Be(field);
        details["issue"]!.GetValue<string>().Should().Be(issue);
        (await (await client.GetAsync("/v1/policies")).BodyAsync())["digest"]!.GetValue<string>().Should().Be(current["digest"]!.GetValue<string>());
    }

    [Fact]
    public async Task Changing_the_doctrine_needs_policies_write()
    {
        using var client = await _factory.AdminClientAsync("policies:read");
        var current = await (await client.GetAsync("/v1/policies")).BodyAsync();

        var response = await client.PutAsync("/v1/policies", Json.Content(WithoutDigest(current).ToJsonString()));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private static JsonObject WithoutDigest(JsonObject doctrine)
    {
        var copy = (JsonObject)doctrine.DeepClone();
        copy.Remove("digest");
        return copy;
    }

    [Theory]
    [InlineData("everything")]
    [InlineData("BASIC")]
    [InlineData("1")]
    public async Task Validate_refuses_an_audit_level_it_does_not_know(string auditLevel)
    {
        using var client = await _factory.AdminClientAsync();
        var request = new JsonObject
        {
            ["type"] = "echo",
            ["context"] = new JsonObject { ["environment"] = "development", ["sensitivity"] = "low" },
            ["doctrine_requirements"] = new JsonObject { ["audit_level"] = auditLevel },
        };

        var response = await client.PostAsync("/v1/validate", Json.Content(request.ToJsonString()));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var details = (await response.BodyAsync())["error"]!["details"]!;
        details["field"]!.GetValue<string>().Should().Be("doctrine_requirements.audit_level");
        details["issue"]!.GetValue<string>().Should().Be("unknown_value");
    }

    private static async Task<JsonObject> DecideAsync(HttpClient client, string type, string environment, string sensitivity, bool reflection = false, bool sandbox = false, string auditLevel = "basic")
    {
        var request = new JsonObject
        {
            ["type"] = type,
            ["context"] = new JsonObject { ["environment"] = environment, ["sensitivity"] = sensitivity },
            ["doctrine_requirements"] = new JsonObject { ["require_reflection"] = reflection, ["sandbox_execution"] = sandbox, ["audit_level"] = auditLevel },
            ["payload"] = new JsonObject(),
        };
        var response = await client.PostAsync("/v1/validate", Json.Content(request.ToJsonString()));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.BodyAsync();
    }
}
