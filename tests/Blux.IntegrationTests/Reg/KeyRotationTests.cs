using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Blux.SharedKernel;
using Blux.SharedKernel.Events;

namespace Blux.IntegrationTests.Reg;

/// <summary>
/// Rotation and revocation on a fake clock, each test on a host of its own: what signs when, what
/// verifies until when, and what JWKS publishes meanwhile (docs/contract.md#identities-tokens-and-keys).
/// </summary>
public sealed class KeyRotationTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromHours(1);

    [Fact]
    public async Task A_rotated_token_key_is_published_at_once_and_signs_only_from_valid_after()
    {
        using var host = new FakeClockBlux();
        var start = host.Clock.GetUtcNow();
        var oldKid = RegApi.KidOf(await host.AdminTokenAsync());
        using var rotator = await host.AdminClientAsync("keys:rotate");

        var response = await rotator.PostAsJsonAsync("/v1/keys/rotate", new { key_type = "token_signing", rotation_reason = "quarterly", valid_after = BluxTime.ToText(start.AddMinutes(10)) });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var rotation = await response.BodyAsync();
        var newKid = rotation["key"]!["key_id"]!.GetValue<string>();
        rotation["key"]!["status"]!.GetValue<string>().Should().Be("pending");
        rotation["previous"]!["key_id"]!.GetValue<string>().Should().Be(oldKid);
        Instant(rotation["previous"]!["verifies_until"]).Should().Be(start.AddMinutes(10) + Ttl);
        (await host.Factory.JwksKidsAsync()).Should().Contain([oldKid, newKid], "the new key is published before it signs");

        host.Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        var beforeValidAfter = await host.AdminTokenAsync();
        RegApi.KidOf(beforeValidAfter).Should().Be(oldKid, "a pending key does not sign");

        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var afterValidAfter = await host.AdminTokenAsync();
        RegApi.KidOf(afterValidAfter).Should().Be(newKid);
        using (var oldHolder = host.Factory.BearerClient(beforeValidAfter))
        {
            (await oldHolder.GetAsync("/v1/keys")).StatusCode.Should().Be(HttpStatusCode.OK, "the old key's tokens still verify");
        }

        var keys = await (await rotator.GetAsync("/v1/keys?key_type=token_signing")).BodyAsync();
        var statuses = keys["keys"]!.AsArray().ToDictionary(k => k!["key_id"]!.GetValue<string>(), k => k!["status"]!.GetValue<string>());
        statuses.Should().Equal(new Dictionary<string, string> { [oldKid] = "retired", [newKid] = "active" });

        var record = await host.AuditRecordAsync(rotation["audit_id"]!.GetValue<string>());
        record["operation"]!.GetValue<string>().Should().Be("key.rotate");
        record["identity"]!.GetValue<string>().Should().Be("user:admin");
        var announced = host.Published.OfType<KeyRotate>().Should().ContainSingle().Subject;
        announced.KeyId.Should().Be(newKid);
        announced.KeyType.Should().Be("token_signing");
        announced.RotationReason.Should().Be("quarterly");
        announced.ValidAfter.Should().Be(start.AddMinutes(10));
        announced.AuditId.Should().Be(rotation["audit_id"]!.GetValue<string>());
        announced.Signature.Should().StartWith("hs256-");
    }

    [Fact]
    public async Task A_token_of_the_old_key_is_accepted_until_valid_after_plus_ttl_and_refused_after()
    {
        using var host = new FakeClockBlux();
        var start = host.Clock.GetUtcNow();
        var validAfter = start.AddMinutes(10);
        using (var rotator = await host.AdminClientAsync("keys:rotate"))
        {
            (await rotator.PostAsJsonAsync("/v1/keys/rotate", new { key_type = "token_signing", rotation_reason = "test", valid_after = BluxTime.ToText(validAfter) }))
                .StatusCode.Should().Be(HttpStatusCode.Created);
        }

        host.Clock.Advance(validAfter - start - TimeSpan.FromSeconds(1));
        var lastOfTheOldKey = await host.AdminTokenAsync();
        var oldKid = RegApi.KidOf(lastOfTheOldKey);
        using var holder = host.Factory.BearerClient(lastOfTheOldKey);

        host.Clock.Advance(validAfter + Ttl - TimeSpan.FromMinutes(1) - host.Clock.GetUtcNow());
        (await holder.GetAsync("/v1/keys")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.Factory.JwksKidsAsync()).Should().Contain(oldKid);

        host.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var refused = await holder.GetAsync("/v1/keys");

        var error = await refused.ShouldFailAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED", null, "key_retired");
        (await host.AuditRecordAsync(error["audit_id"]!.GetValue<string>()))["operation"]!.GetValue<string>().Should().Be("auth.failed");
        (await host.Factory.JwksKidsAsync()).Should().NotContain(oldKid, "a token key leaves JWKS once no token of it can be valid");
    }

    [Fact]
    public async Task A_revoked_key_leaves_jwks_and_its_tokens_are_refused_at_once_while_a_replacement_signs()
    {
        using var host = new FakeClockBlux();
        var token = await host.AdminTokenAsync();
        var kid = RegApi.KidOf(token);
        using var holder = host.Factory.BearerClient(token);
        (await holder.GetAsync("/v1/keys")).StatusCode.Should().Be(HttpStatusCode.OK, "the token works and is now remembered");

        var response = await holder.PostAsJsonAsync($"/v1/keys/{kid}/revoke", new { reason = "laptop stolen" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var revocation = await response.BodyAsync();
        revocation["key"]!["status"]!.GetValue<string>().Should().Be("revoked");
        revocation["key"]!["revocation_reason"]!.GetValue<string>().Should().Be("laptop stolen");
        revocation["key"]!["published"]!.GetValue<bool>().Should().BeFalse();
        var replacement = revocation["replacement"]!["key_id"]!.GetValue<string>();
        revocation["replacement"]!["status"]!.GetValue<string>().Should().Be("active");

        var refused = await holder.GetAsync("/v1/keys");
        var error = await refused.ShouldFailAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED", null, "key_revoked");
        var kids = await host.Factory.JwksKidsAsync();
        kids.Should().NotContain(kid).And.Contain(replacement);

        var fresh = await host.AdminTokenAsync();
        RegApi.KidOf(fresh).Should().Be(replacement);
        using var freshHolder = host.Factory.BearerClient(fresh);
        (await freshHolder.GetAsync("/v1/keys")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.AuditRecordAsync(error["audit_id"]!.GetValue<string>()))["operation"]!.GetValue<string>().Should().Be("auth.failed");
        (await host.AuditRecordAsync(revocation["audit_id"]!.GetValue<string>()))["operation"]!.GetValue<string>().Should().Be("key.revoke");
        host.Published.OfType<KeyRotate>().Should().ContainSingle(e => e.KeyId == replacement);
    }

    [Fact]
    public async Task Revoking_a_pending_key_leaves_the_active_key_signing()
    {
        using var host = new FakeClockBlux();
        var start = host.Clock.GetUtcNow();
        using var rotator = await host.AdminClientAsync("keys:rotate");
        var activeKid = RegApi.KidOf(await host.AdminTokenAsync());
        var rotation = await (await rotator.PostAsJsonAsync("/v1/keys/rotate", new { key_type = "token_signing", rotation_reason = "test", valid_after = BluxTime.ToText(start.AddMinutes(5)) })).BodyAsync();
        var pendingKid = rotation["key"]!["key_id"]!.GetValue<string>();

        var response = await rotator.PostAsJsonAsync($"/v1/keys/{pendingKid}/revoke", new { reason = "created by mistake" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.BodyAsync())["replacement"].Should().BeNull();
        host.Clock.Advance(TimeSpan.FromMinutes(6));
        RegApi.KidOf(await host.AdminTokenAsync()).Should().Be(activeKid);
        (await host.Factory.JwksKidsAsync()).Should().NotContain(pendingKid);
        host.Published.OfType<KeyRotate>().Last().RotationReason.Should().Be("revoked: created by mistake");
    }

    [Fact]
    public async Task Automatic_rotation_publishes_the_next_keys_a_lead_time_ahead_and_they_sign_on_schedule()
    {
        using var host = new FakeClockBlux(new Dictionary<string, string?> { ["Blux:Reg:RotationLeadHours"] = "24" });
        var start = host.Clock.GetUtcNow();
        var firstTokenKid = RegApi.KidOf(await host.AdminTokenAsync());

        host.Clock.Advance(TimeSpan.FromDays(29) - TimeSpan.FromMinutes(1));
        var quiet = await ListKeysAsync(host);
        quiet.Should().HaveCount(2, "nothing rotates before the lead time");

        host.Clock.Advance(TimeSpan.FromMinutes(2));
        var prepared = await Eventually.Async(() => ListKeysAsync(host), keys => keys.Count(k => k["status"]!.GetValue<string>() == "pending") == 2, "both key types have a pending successor");
        foreach (var pending in prepared.Where(k => k["status"]!.GetValue<string>() == "pending"))
        {
            Instant(pending["valid_after"]).Should().BeCloseTo(start.AddDays(30), TimeSpan.FromSeconds(1));
            pending["rotation_reason"]!.GetValue<string>().Should().Be("scheduled rotation every 30 days");
        }

        RegApi.KidOf(await host.AdminTokenAsync()).Should().Be(firstTokenKid, "the successor is only published yet");
        var nextTokenKid = prepared.Single(k => k["status"]!.GetValue<string>() == "pending" && k["key_type"]!.GetValue<string>() == "token_signing")["key_id"]!.GetValue<string>();
        (await host.Factory.JwksKidsAsync()).Should().Contain(nextTokenKid);

        host.Clock.Advance(TimeSpan.FromDays(1));
        RegApi.KidOf(await host.AdminTokenAsync()).Should().Be(nextTokenKid);
        // Each rotation is announced after its key is committed and audited, so the list can show both
        // successors a moment before the second announcement.
        await Eventually.Async(() => host.Published.OfType<KeyRotate>().Count() >= 2, "both scheduled rotations are announced");
        host.Published.OfType<KeyRotate>().Select(e => e.KeyType).Should().BeEquivalentTo(["token_signing", "audit_signing"]);
        using var auditor = await host.AdminClientAsync();
        var records = await (await auditor.GetAsync("/v1/audit?operation=key.rotate")).BodyAsync();
        records.ToJsonString().Should().Contain("\"identity\":\"system\"");
    }

    [Fact]
    public async Task Audit_records_signed_by_a_retired_audit_key_still_verify()
    {
        using var host = new FakeClockBlux();
        using var admin = await host.AdminClientAsync();
        var early = await (await admin.PostAsJsonAsync("/v1/identities", new { kind = "user", display_name = "Before", roles = new[] { "auditor" } })).BodyAsync();
        var earlyRecord = await host.AuditRecordAsync(early["audit_id"]!.GetValue<string>());
        var firstAuditKey = earlyRecord["key_id"]!.GetValue<string>();

        var rotation = await (await admin.PostAsJsonAsync("/v1/keys/rotate", new { key_type = "audit_signing", rotation_reason = "test" })).BodyAsync();
        var secondAuditKey = rotation["key"]!["key_id"]!.GetValue<string>();
        host.Clock.Advance(TimeSpan.FromDays(2));
        using var later = await host.AdminClientAsync();
        var late = await (await later.PostAsJsonAsync("/v1/identities", new { kind = "user", display_name = "After", roles = new[] { "auditor" } })).BodyAsync();

        (await host.AuditRecordAsync(late["audit_id"]!.GetValue<string>()))["key_id"]!.GetValue<string>().Should().Be(secondAuditKey);
        var keys = await ListKeysAsync(host);
        keys.Single(k => k["key_id"]!.GetValue<string>() == firstAuditKey)["status"]!.GetValue<string>().Should().Be("retired");
        var verify = await (await later.GetAsync("/v1/audit/verify")).BodyAsync();
        verify["valid"]!.GetValue<bool>().Should().BeTrue(verify.ToJsonString());
        (await host.Factory.JwksKidsAsync()).Should().Contain(firstAuditKey);

        host.Clock.Advance(TimeSpan.FromDays(400));
        using var muchLater = await host.AdminClientAsync();
        var verifyLater = await (await muchLater.GetAsync("/v1/audit/verify")).BodyAsync();
        verifyLater["valid"]!.GetValue<bool>().Should().BeTrue(verifyLater.ToJsonString());
        (await host.Factory.JwksKidsAsync()).Should().Contain(firstAuditKey, "audit keys verify forever");
    }

    private static async Task<List<JsonObject>> ListKeysAsync(FakeClockBlux host)
    {
        using var client = await host.AdminClientAsync("keys:rotate");
        var body = await (await client.GetAsync("/v1/keys")).BodyAsync();
        return body["keys"]!.AsArray().Select(k => (JsonObject)k!).ToList();
    }

    private static DateTimeOffset Instant(JsonNode? node) =>
        DateTimeOffset.Parse(node!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
}
