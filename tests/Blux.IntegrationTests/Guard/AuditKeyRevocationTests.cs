using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Reg;
using Blux.SharedKernel;

namespace Blux.IntegrationTests.Guard;

/// <summary>
/// Revoking an audit key stops it signing, not what it signed: the records and checkpoints it made
/// before the revocation still verify, flagged with the key, and anything it is claimed to have
/// signed once the chain has passed the revocation fails as <c>revoked_key</c>.
/// </summary>
public sealed class AuditKeyRevocationTests : IDisposable
{
    private readonly BluxFactory _factory = new();

    public AuditKeyRevocationTests() => _factory.Settings["Blux:Guard:CheckpointEveryRecords"] = "3";

    [Fact]
    public async Task Records_signed_before_their_key_was_revoked_still_verify_and_are_flagged()
    {
        using var client = await _factory.AdminClientAsync();
        await AppendAsync(client, 5);
        var revokedKey = (await HeadRecordAsync(client))["key_id"]!.GetValue<string>();

        await RevokeAsync(client, revokedKey);
        await AppendAsync(client, 4);

        var report = await VerifyAsync(client);
        report["valid"]!.GetValue<bool>().Should().BeTrue(report.ToJsonString());
        report["first_failure"].Should().BeNull();
        var flag = report["flags"]!.AsArray().Should().ContainSingle().Subject!;
        flag["flag"]!.GetValue<string>().Should().Be("signed_by_revoked_key");
        flag["key_id"]!.GetValue<string>().Should().Be(revokedKey);
        flag["records"]!.GetValue<long>().Should().Be(GuardStore.Query(_factory.DataPath, $"SELECT COUNT(*) FROM audit_records WHERE key_id = '{revokedKey}'"));
        flag["first_seq"]!.GetValue<long>().Should().Be(1);
        flag["checkpoints"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(1, "a checkpoint was signed every 3 records");
        BluxTime.TryParse(flag["revoked_at"]!.GetValue<string>(), out _).Should().BeTrue();
        (await HeadRecordAsync(client))["key_id"]!.GetValue<string>().Should().NotBe(revokedKey, "the replacement key signs from the revocation on");
    }

    [Fact]
    public async Task The_revoked_key_leaves_jwks_but_the_export_keeps_it_with_its_revocation_time()
    {
        using var client = await _factory.AdminClientAsync();
        await AppendAsync(client, 2);
        var revokedKey = (await HeadRecordAsync(client))["key_id"]!.GetValue<string>();

        await RevokeAsync(client, revokedKey);

        (await _factory.JwksKidsAsync()).Should().NotContain(revokedKey);
        var keysLine = JsonNode.Parse((await client.GetStringAsync("/v1/audit/export")).Split('\n')[0])!;
        var exported = keysLine["keys"]!.AsArray().Single(k => k!["kid"]!.GetValue<string>() == revokedKey)!;
        exported["revoked_at"]!.GetValue<string>().Should().EndWith("Z");
    }

    [Fact]
    public async Task A_range_after_the_revocation_carries_no_flag()
    {
        using var client = await _factory.AdminClientAsync();
        await AppendAsync(client, 3);
        await RevokeAsync(client, (await HeadRecordAsync(client))["key_id"]!.GetValue<string>());
        await AppendAsync(client, 3);
        var head = (await HeadRecordAsync(client))["seq"]!.GetValue<long>();

        var report = await (await client.GetAsync($"/v1/audit/verify?from_seq={head - 1}")).BodyAsync();

        report["valid"]!.GetValue<bool>().Should().BeTrue();
        report["flags"]!.AsArray().Should().BeEmpty();
    }

    [Theory]
    [InlineData("after the revocation")]
    [InlineData("backdated to before it")]
    public async Task A_record_made_with_the_stolen_key_once_the_chain_has_passed_its_revocation_is_caught(string claimedTime)
    {
        using var client = await _factory.AdminClientAsync();
        await AppendAsync(client, 3);
        var (revokedKey, stolen) = ForgedTokens.StealTokenKey(_factory.DataPath, "audit_signing");
        var firstRecordTime = (await RecordAsync(client, 1))["timestamp"]!.GetValue<string>();
        await RevokeAsync(client, revokedKey);
        await AppendAsync(client, 2);

        var last = await HeadRecordAsync(client);
        var forged = (JsonObject)last.DeepClone();
        forged["seq"] = last["seq"]!.GetValue<long>() + 1;
        forged["audit_id"] = "aud_forged";
        forged["operation"] = "payout.approved";
        forged["timestamp"] = claimedTime == "after the revocation" ? BluxTime.ToText(DateTimeOffset.UtcNow) : firstRecordTime;
        forged["key_id"] = revokedKey;
        forged["prev_hash"] = last["record_hash"]!.GetValue<string>();
        var (hash, signature) = GuardStore.Seal(forged, stolen);
        GuardStore.InsertRecord(_factory.DataPath, forged, hash, signature);

        var report = await VerifyAsync(client);

        report["valid"]!.GetValue<bool>().Should().BeFalse();
        report["first_failure"]!["seq"]!.GetValue<long>().Should().Be(forged["seq"]!.GetValue<long>());
        report["first_failure"]!["reason"]!.GetValue<string>().Should().Be("revoked_key");
    }

    public void Dispose() => _factory.Dispose();

    private static async Task AppendAsync(HttpClient client, int count)
    {
        for (var i = 0; i < count; i++)
        {
            (await client.PostAsync("/v1/audit", Json.Content($"{{\"service\":\"billing\",\"operation\":\"invoice.{i}\"}}"))).EnsureSuccessStatusCode();
        }
    }

    private static async Task RevokeAsync(HttpClient client, string keyId) =>
        (await client.PostAsJsonAsync($"/v1/keys/{keyId}/revoke", new { reason = "key file copied off the host" })).StatusCode.Should().Be(HttpStatusCode.OK);

    private static async Task<JsonObject> VerifyAsync(HttpClient client) => await (await client.GetAsync("/v1/audit/verify")).BodyAsync();

    private static async Task<JsonObject> HeadRecordAsync(HttpClient client) =>
        await RecordAsync(client, (await VerifyAsync(client))["head"]!["seq"]!.GetValue<long>());

    private static async Task<JsonObject> RecordAsync(HttpClient client, long seq) =>
        (await (await client.GetAsync($"/v1/audit?page_token={seq - 1}&page_size=1")).BodyAsync())["entries"]![0]!.AsObject();
}
