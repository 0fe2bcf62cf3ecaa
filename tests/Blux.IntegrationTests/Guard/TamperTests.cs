using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Blux.SharedKernel.Crypto;

namespace Blux.IntegrationTests.Guard;

/// <summary>
/// Each test changes guard.db behind Blux's back, the way an intruder with file access would, and
/// checks that GET /v1/audit/verify names the first broken record and why.
/// </summary>
public sealed class TamperTests : IDisposable
{
    private const int Records = 12;
    private readonly BluxFactory _factory = new();

    public TamperTests() => _factory.Settings["Blux:Guard:CheckpointEveryRecords"] = "5";

    [Fact]
    public async Task Untouched_chain_verifies()
    {
        using var client = await SeedAsync();

        var report = await VerifyAsync(client);

        report["valid"]!.GetValue<bool>().Should().BeTrue();
        report["checkpoints_verified"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task Records_are_signed_low_S_and_one_holding_the_high_S_twin_still_verifies()
    {
        using var client = await SeedAsync();
        var record = await RecordAsync(client, 6);
        SignatureFormat.TryDecode(record["signature"]!.GetValue<string>(), SignatureFormat.Es512Prefix, out var signature).Should().BeTrue();
        Es512.IsLowS(signature).Should().BeTrue("Blux signs audit records in the low-S form");

        // Records written before Blux normalized its signatures hold either form; both are Blux's own.
        Execute($"UPDATE audit_records SET signature = '{SignatureFormat.Es512(Es512.Twin(signature))}' WHERE seq = 6");

        (await VerifyAsync(client))["valid"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Edited_field_is_caught()
    {
        using var client = await SeedAsync();
        Execute("UPDATE audit_records SET operation = 'invoice.voided' WHERE seq = 6");

        await ExpectFailureAsync(client, 6, "record_hash_mismatch");
    }

    [Fact]
    public async Task Deleted_record_is_caught()
    {
        using var client = await SeedAsync();
        Execute("DELETE FROM audit_records WHERE seq = 6");

        await ExpectFailureAsync(client, 6, "missing_record");
    }

    [Fact]
    public async Task Swapped_records_are_caught()
    {
        using var client = await SeedAsync();
        Execute("UPDATE audit_records SET seq = -1 WHERE seq = 6");
        Execute("UPDATE audit_records SET seq = 6 WHERE seq = 7");
        Execute("UPDATE audit_records SET seq = 7 WHERE seq = -1");

        await ExpectFailureAsync(client, 6, "prev_hash_mismatch");
    }

    [Fact]
    public async Task Truncated_tail_is_caught_by_a_checkpoint()
    {
        using var client = await SeedAsync();
        var checkpointSeq = Query("SELECT MAX(seq) FROM audit_checkpoints");
        Execute($"DELETE FROM audit_records WHERE seq > {checkpointSeq - 2}");

        var report = await VerifyAsync(client);

        report["valid"]!.GetValue<bool>().Should().BeFalse();
        report["first_failure"]!["reason"]!.GetValue<string>().Should().Be("truncated_tail");
        report["first_failure"]!["seq"]!.GetValue<long>().Should().Be(checkpointSeq);
    }

    [Fact]
    public async Task Replaced_signature_is_caught()
    {
        using var client = await SeedAsync();
        Execute("UPDATE audit_records SET signature = (SELECT signature FROM audit_records WHERE seq = 8) WHERE seq = 6");

        await ExpectFailureAsync(client, 6, "bad_signature");
    }

    [Fact]
    public async Task Forged_record_appended_with_a_correct_chain_but_a_foreign_signature_is_caught()
    {
        using var client = await SeedAsync();
        var last = await RecordAsync(client, Query("SELECT MAX(seq) FROM audit_records"));
        var forged = (JsonObject)last.DeepClone();
        forged["seq"] = last["seq"]!.GetValue<long>() + 1;
        forged["audit_id"] = "aud_forged";
        forged["operation"] = "payout.approved";
        forged["prev_hash"] = last["record_hash"]!.GetValue<string>();
        var (hash, signature) = SealWithForeignKey(forged);
        Insert(forged, hash, signature);

        await ExpectFailureAsync(client, forged["seq"]!.GetValue<long>(), "bad_signature");
    }

    [Fact]
    public async Task Record_re_signed_with_a_key_that_is_not_Blux_is_caught()
    {
        using var client = await SeedAsync();
        var record = await RecordAsync(client, 9);
        record["status"] = "failure";
        var (hash, signature) = SealWithForeignKey(record);
        Execute($"UPDATE audit_records SET status = 'failure', record_hash = '{hash}', signature = '{signature}' WHERE seq = 9");

        await ExpectFailureAsync(client, 9, "bad_signature");
    }

    [Fact]
    public async Task Record_naming_a_key_that_is_not_published_is_caught()
    {
        using var client = await SeedAsync();
        var record = await RecordAsync(client, 9);
        record["key_id"] = "key_attacker";
        var (hash, signature) = SealWithForeignKey(record);
        Execute($"UPDATE audit_records SET key_id = 'key_attacker', record_hash = '{hash}', signature = '{signature}' WHERE seq = 9");

        await ExpectFailureAsync(client, 9, "unknown_key");
    }

    public void Dispose() => _factory.Dispose();

    private async Task<HttpClient> SeedAsync()
    {
        var client = await _factory.AdminClientAsync();
        for (var i = 0; i < Records; i++)
        {
            (await client.PostAsync("/v1/audit", Json.Content($"{{\"service\":\"billing\",\"operation\":\"invoice.{i}\",\"data\":{{\"n\":{i}}}}}"))).EnsureSuccessStatusCode();
        }

        return client;
    }

    private static async Task<JsonObject> VerifyAsync(HttpClient client) => await (await client.GetAsync("/v1/audit/verify")).BodyAsync();

    private static async Task ExpectFailureAsync(HttpClient client, long seq, string reason)
    {
        var report = await VerifyAsync(client);
        report["valid"]!.GetValue<bool>().Should().BeFalse();
        report["first_failure"]!["seq"]!.GetValue<long>().Should().Be(seq);
        report["first_failure"]!["reason"]!.GetValue<string>().Should().Be(reason);
        report["checked"]!.GetValue<long>().Should().Be(seq - 1);
    }

    private static async Task<JsonObject> RecordAsync(HttpClient client, long seq)
    {
        var page = await (await client.GetAsync($"/v1/audit?page_token={seq - 1}&page_size=1")).BodyAsync();
        return page["entries"]![0]!.AsObject();
    }

    /// <summary>What a forger can do without Blux's key: a correct hash, signed by some other P-521 key.</summary>
    private static (string Hash, string Signature) SealWithForeignKey(JsonObject record)
    {
        using var foreign = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        return GuardStore.Seal(record, foreign);
    }

    private void Insert(JsonObject record, string hash, string signature) => GuardStore.InsertRecord(_factory.DataPath, record, hash, signature);

    private void Execute(string sql) => GuardStore.Execute(_factory.DataPath, sql);

    private long Query(string sql) => GuardStore.Query(_factory.DataPath, sql);
}
