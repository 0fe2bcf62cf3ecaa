using System.Net;
using System.Net.Http.Json;
using Blux.IntegrationTests.Infrastructure;
using Blux.SharedKernel;

namespace Blux.IntegrationTests.Reg;

/// <summary>Key endpoints refuse bad requests with the envelope naming the field, and need <c>keys:rotate</c>.</summary>
public sealed class KeyRequestTests : IClassFixture<BluxFactory>
{
    private readonly BluxFactory _factory;

    public KeyRequestTests(BluxFactory factory) => _factory = factory;

    public static TheoryData<string, string, string> BadRotations() => new()
    {
        { """{"rotation_reason":"r"}""", "key_type", "missing_field" },
        { """{"key_type":"rsa_signing","rotation_reason":"r"}""", "key_type", "unknown_value" },
        { """{"key_type":"token_signing"}""", "rotation_reason", "missing_field" },
        { """{"key_type":"token_signing","rotation_reason":""}""", "rotation_reason", "missing_field" },
        { $$"""{"key_type":"token_signing","rotation_reason":"r","valid_after":"{{BluxTime.ToText(DateTimeOffset.UtcNow.AddDays(-1))}}"}""", "valid_after", "in_the_past" },
        { $$"""{"key_type":"token_signing","rotation_reason":"r","valid_after":"{{BluxTime.ToText(DateTimeOffset.UtcNow.AddDays(400))}}"}""", "valid_after", "too_far_ahead" },
        { """{"key_type":"token_signing","rotation_reason":"r","valid_after":"soon"}""", "valid_after", "wrong_type" },
        { """{"key_type":"token_signing","rotation_reason":["r"]}""", "rotation_reason", "wrong_type" },
        { """{"key_type":""", "body", "malformed_json" },
    };

    [Theory]
    [MemberData(nameof(BadRotations))]
    public async Task Bad_rotation_requests_are_400_naming_the_field_and_create_no_key(string body, string field, string issue)
    {
        using var client = await _factory.AdminClientAsync("keys:rotate");
        var before = await KeyCountAsync(client);

        var response = await client.PostAsync("/v1/keys/rotate", Json.Content(body));

        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", field, issue);
        (await KeyCountAsync(client)).Should().Be(before);
    }

    [Fact]
    public async Task A_second_rotation_while_a_key_is_pending_is_409()
    {
        using var client = await _factory.AdminClientAsync("keys:rotate");
        var validAfter = BluxTime.ToText(DateTimeOffset.UtcNow.AddDays(1));
        (await client.PostAsJsonAsync("/v1/keys/rotate", new { key_type = "audit_signing", rotation_reason = "first", valid_after = validAfter }))
            .StatusCode.Should().Be(HttpStatusCode.Created);

        var response = await client.PostAsJsonAsync("/v1/keys/rotate", new { key_type = "audit_signing", rotation_reason = "second" });

        await response.ShouldFailAsync(HttpStatusCode.Conflict, "CONFLICT", "key_type", "pending_key_exists");
    }

    [Fact]
    public async Task Revoking_needs_a_reason_a_known_key_and_happens_once()
    {
        using var client = await _factory.AdminClientAsync("keys:rotate");
        var rotation = await (await client.PostAsJsonAsync("/v1/keys/rotate", new
        {
            key_type = "token_signing",
            rotation_reason = "to revoke",
            valid_after = BluxTime.ToText(DateTimeOffset.UtcNow.AddDays(1)),
        })).BodyAsync();
        var keyId = rotation["key"]!["key_id"]!.GetValue<string>();

        await (await client.PostAsync($"/v1/keys/{keyId}/revoke", Json.Content("{}"))).ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", "reason", "missing_field");
        await (await client.PostAsync($"/v1/keys/{keyId}/revoke", Json.Content(""))).ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", "body", "malformed_json");
        var unknown = await client.PostAsJsonAsync("/v1/keys/key_unknown/revoke", new { reason = "r" });
        (await unknown.ShouldFailAsync(HttpStatusCode.NotFound, "NOT_FOUND", null, null))["audit_id"].Should().BeNull();
        (await client.PostAsJsonAsync($"/v1/keys/{keyId}/revoke", new { reason = "r" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var twice = await client.PostAsJsonAsync($"/v1/keys/{keyId}/revoke", new { reason = "r" });
        await twice.ShouldFailAsync(HttpStatusCode.Conflict, "CONFLICT", "key_id", "already_revoked");
    }

    [Fact]
    public async Task Key_endpoints_need_keys_rotate()
    {
        using var client = await _factory.AdminClientAsync("identities:read identities:write audit:read");

        var list = await client.GetAsync("/v1/keys");
        var rotate = await client.PostAsJsonAsync("/v1/keys/rotate", new { key_type = "token_signing", rotation_reason = "r" });
        var revoke = await client.PostAsJsonAsync("/v1/keys/key_x/revoke", new { reason = "r" });

        foreach (var response in new[] { list, rotate, revoke })
        {
            var error = await response.ShouldFailAsync(HttpStatusCode.Forbidden, "FORBIDDEN", "scope", "missing_scope");
            error["details"]!["required_scope"]!.GetValue<string>().Should().Be("keys:rotate");
        }
    }

    [Fact]
    public async Task The_key_list_shows_types_statuses_and_dates_and_never_private_material()
    {
        using var client = await _factory.AdminClientAsync("keys:rotate");

        var body = await (await client.GetAsync("/v1/keys?status=active")).BodyAsync();
        var badFilter = await client.GetAsync("/v1/keys?status=sleeping");

        var keys = body["keys"]!.AsArray();
        keys.Select(k => k!["key_type"]!.GetValue<string>()).Should().BeEquivalentTo(["token_signing", "audit_signing"]);
        foreach (var key in keys)
        {
            key!["key_id"]!.GetValue<string>().Should().StartWith("key_");
            key["status"]!.GetValue<string>().Should().Be("active");
            key["created_at"]!.GetValue<string>().Should().EndWith("Z");
            key["valid_after"]!.GetValue<string>().Should().EndWith("Z");
            key["published"]!.GetValue<bool>().Should().BeTrue();
        }

        var text = body.ToJsonString();
        text.Should().NotContain("\"d\"").And.NotContain("private").And.NotContain("encrypted");
        await badFilter.ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", "status", "unknown_value");
    }

    private static async Task<int> KeyCountAsync(HttpClient client) =>
        (await (await client.GetAsync("/v1/keys")).BodyAsync())["keys"]!.AsArray().Count;
}
