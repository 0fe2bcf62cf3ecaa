using System.Text;
using System.Text.Json.Nodes;
using Blux.Modules.Guard.Audit;
using Blux.Modules.Guard.Domain;
using Blux.SharedKernel.Crypto;
using Blux.SharedKernel.Json;

namespace Blux.UnitTests.Guard;

public sealed class AuditRecordFormTests
{
    private const string Hash1 = "sha256-1111111111111111111111111111111111111111111111111111111111111111";
    private const string Hash2 = "sha256-2222222222222222222222222222222222222222222222222222222222222222";

    private static AuditRecordRow Row(string? change = null) => new()
    {
        AuditId = change == "audit_id" ? "aud_other" : "aud_0001",
        Seq = change == "seq" ? 8 : 7,
        Timestamp = change == "timestamp" ? "2026-01-01T00:00:00.001Z" : "2026-01-01T00:00:00.000Z",
        Service = change == "service" ? "blux-reg" : "blux-lite",
        Operation = change == "operation" ? "task.create" : "task.execute",
        Identity = change == "identity" ? "user:bob" : "user:alice",
        InputHash = change == "input_hash" ? null : Hash1,
        OutputHash = change == "output_hash" ? Hash1 : Hash2,
        DoctrineFlagsApplied = change == "doctrine_flags_applied" ? """["audit_all_requests","sandboxed"]""" : """["audit_all_requests"]""",
        RelatedEvents = change == "related_events" ? """["evt_1","evt_3"]""" : """["evt_1","evt_2"]""",
        Status = change == "status" ? "failure" : "success",
        DurationMs = change == "duration_ms" ? 13 : 12,
        Data = change == "data" ? """{"rows":4}""" : """{"rows":3}""",
        PrevHash = change == "prev_hash" ? Hash1 : BluxHash.Genesis,
        KeyId = change == "key_id" ? "key_b" : "key_a",
        RecordHash = change == "record_hash" ? Hash1 : "sha256-seal",
        Signature = change == "signature" ? "es512-other" : "es512-seal",
    };

    [Fact]
    public void The_record_hash_is_sha256_of_the_jcs_form_without_record_hash_and_signature()
    {
        // Written out by hand: members sorted by code unit, no whitespace, record_hash and signature absent.
        const string canonical =
            "{\"audit_id\":\"aud_0001\",\"data\":{\"rows\":3},\"doctrine_flags_applied\":[\"audit_all_requests\"],\"duration_ms\":12,"
            + "\"identity\":\"user:alice\",\"input_hash\":\"" + Hash1 + "\",\"key_id\":\"key_a\",\"operation\":\"task.execute\","
            + "\"output_hash\":\"" + Hash2 + "\",\"prev_hash\":\"sha256-0000000000000000000000000000000000000000000000000000000000000000\","
            + "\"related_events\":[\"evt_1\",\"evt_2\"],\"seq\":7,\"service\":\"blux-lite\",\"status\":\"success\",\"timestamp\":\"2026-01-01T00:00:00.000Z\"}";

        AuditRecordForm.ComputeHash(Row()).Should().Be(BluxHash.Sha256(Encoding.UTF8.GetBytes(canonical)));
    }

    [Fact]
    public void The_hashed_form_has_no_seal_and_the_published_form_has_it()
    {
        var row = Row();

        var unsealed = AuditRecordForm.ToJson(row, includeSeal: false);
        var sealedForm = AuditRecordForm.ToJson(row);

        unsealed.ContainsKey("record_hash").Should().BeFalse();
        unsealed.ContainsKey("signature").Should().BeFalse();
        sealedForm["record_hash"]!.GetValue<string>().Should().Be("sha256-seal");
        sealedForm["signature"]!.GetValue<string>().Should().Be("es512-seal");
        sealedForm.Remove("record_hash");
        sealedForm.Remove("signature");
        CanonicalJson.ToText(sealedForm).Should().Be(CanonicalJson.ToText(unsealed));
    }

    [Fact]
    public void A_missing_input_hash_is_hashed_as_null()
    {
        CanonicalJson.ToText(AuditRecordForm.ToJson(Row("input_hash"), includeSeal: false)).Should().Contain("\"input_hash\":null");
    }

    [Theory]
    [InlineData("audit_id")]
    [InlineData("seq")]
    [InlineData("timestamp")]
    [InlineData("service")]
    [InlineData("operation")]
    [InlineData("identity")]
    [InlineData("input_hash")]
    [InlineData("output_hash")]
    [InlineData("doctrine_flags_applied")]
    [InlineData("related_events")]
    [InlineData("status")]
    [InlineData("duration_ms")]
    [InlineData("data")]
    [InlineData("prev_hash")]
    [InlineData("key_id")]
    public void Changing_any_single_field_changes_the_hash(string field)
    {
        AuditRecordForm.ComputeHash(Row(field)).Should().NotBe(AuditRecordForm.ComputeHash(Row()));
    }

    [Theory]
    [InlineData("record_hash")]
    [InlineData("signature")]
    public void The_seal_is_not_part_of_the_hash(string field)
    {
        AuditRecordForm.ComputeHash(Row(field)).Should().Be(AuditRecordForm.ComputeHash(Row()));
    }

    [Fact]
    public void Reformatted_json_columns_still_match_the_hash_the_contract_defines()
    {
        var compact = Row();
        var spaced = new AuditRecordRow
        {
            AuditId = compact.AuditId,
            Seq = compact.Seq,
            Timestamp = compact.Timestamp,
            Service = compact.Service,
            Operation = compact.Operation,
            Identity = compact.Identity,
            InputHash = compact.InputHash,
            OutputHash = compact.OutputHash,
            DoctrineFlagsApplied = "[ \"audit_all_requests\" ]",
            RelatedEvents = "[\n\"evt_1\", \"evt_2\"\n]",
            Status = compact.Status,
            DurationMs = compact.DurationMs,
            Data = "{ \"rows\" : 3.0 }",
            PrevHash = compact.PrevHash,
            KeyId = compact.KeyId,
            RecordHash = compact.RecordHash,
            Signature = compact.Signature,
        };

        compact.RecordHash = AuditRecordForm.ComputeHash(compact);
        spaced.RecordHash = compact.RecordHash;

        AuditRecordForm.HashMatches(spaced).Should().BeTrue("the record means the same, so its RFC 8785 hash is the same");
        AuditRecordForm.ComputeHash(spaced).Should().NotBe(compact.RecordHash, "the fast path assembles the stored column text as it is");
    }

    [Fact]
    public void A_changed_value_in_a_json_column_does_not_match()
    {
        var row = Row();
        row.RecordHash = AuditRecordForm.ComputeHash(row);
        var edited = new AuditRecordRow
        {
            AuditId = row.AuditId,
            Seq = row.Seq,
            Timestamp = row.Timestamp,
            Service = row.Service,
            Operation = row.Operation,
            Identity = row.Identity,
            InputHash = row.InputHash,
            OutputHash = row.OutputHash,
            DoctrineFlagsApplied = row.DoctrineFlagsApplied,
            RelatedEvents = row.RelatedEvents,
            Status = row.Status,
            DurationMs = row.DurationMs,
            Data = "{\"rows\":4}",
            PrevHash = row.PrevHash,
            KeyId = row.KeyId,
            RecordHash = row.RecordHash,
            Signature = row.Signature,
        };

        AuditRecordForm.HashMatches(edited).Should().BeFalse();
    }

    private static CheckpointRow Checkpoint(string? change = null) => new()
    {
        CheckpointId = change == "checkpoint_id" ? "chk_b" : "chk_a",
        Seq = change == "seq" ? 101 : 100,
        HeadHash = change == "head_hash" ? Hash2 : Hash1,
        Timestamp = change == "timestamp" ? "2026-01-01T00:01:00.000Z" : "2026-01-01T00:00:00.000Z",
        KeyId = change == "key_id" ? "key_b" : "key_a",
        Signature = change == "signature" ? "es512-other" : "es512-seal",
    };

    [Fact]
    public void Checkpoint_signing_bytes_are_the_jcs_form_without_the_signature()
    {
        var expected = "{\"checkpoint_id\":\"chk_a\",\"head_hash\":\"" + Hash1 + "\",\"key_id\":\"key_a\",\"seq\":100,\"timestamp\":\"2026-01-01T00:00:00.000Z\"}";

        Encoding.UTF8.GetString(AuditRecordForm.CheckpointSigningBytes(Checkpoint())).Should().Be(expected);
    }

    [Fact]
    public void The_checkpoint_signature_does_not_change_the_signing_bytes()
    {
        AuditRecordForm.CheckpointSigningBytes(Checkpoint("signature")).Should().Equal(AuditRecordForm.CheckpointSigningBytes(Checkpoint()));
        AuditRecordForm.CheckpointJson(Checkpoint())["signature"]!.GetValue<string>().Should().Be("es512-seal");
    }

    [Theory]
    [InlineData("checkpoint_id")]
    [InlineData("seq")]
    [InlineData("head_hash")]
    [InlineData("timestamp")]
    [InlineData("key_id")]
    public void Changing_any_signed_checkpoint_field_changes_the_signing_bytes(string field)
    {
        AuditRecordForm.CheckpointSigningBytes(Checkpoint(field)).Should().NotEqual(AuditRecordForm.CheckpointSigningBytes(Checkpoint()));
    }
}
