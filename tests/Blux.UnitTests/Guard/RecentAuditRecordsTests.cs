using Blux.Modules.Guard.Audit;
using Blux.Modules.Guard.Domain;

namespace Blux.UnitTests.Guard;

public sealed class RecentAuditRecordsTests
{
    private static AuditRecordRow Row(long seq) => new()
    {
        AuditId = $"aud_{seq:D4}",
        Seq = seq,
        Timestamp = "2026-01-01T00:00:00.000Z",
        Service = "blux-lite",
        Operation = "task.create",
        Identity = "user:alice",
        DoctrineFlagsApplied = "[]",
        RelatedEvents = "[]",
        Status = "success",
        DurationMs = 0,
        Data = "{}",
        PrevHash = "sha256-prev",
        RecordHash = $"sha256-{seq}",
        KeyId = "key_a",
        Signature = "es512-sig",
    };

    [Fact]
    public void Committed_rows_are_found_by_audit_id()
    {
        var recent = new RecentAuditRecords(capacity: 10);
        recent.Add([Row(1), Row(2)]);

        recent.TryGet("aud_0002", out var row).Should().BeTrue();
        row.Seq.Should().Be(2);
        recent.TryGet("aud_0003", out _).Should().BeFalse();
    }

    [Fact]
    public void Beyond_its_capacity_the_oldest_rows_are_forgotten_first()
    {
        var recent = new RecentAuditRecords(capacity: 3);
        recent.Add([Row(1), Row(2)]);
        recent.Add([Row(3), Row(4), Row(5)]);

        recent.TryGet("aud_0001", out _).Should().BeFalse();
        recent.TryGet("aud_0002", out _).Should().BeFalse();
        recent.TryGet("aud_0003", out _).Should().BeTrue();
        recent.TryGet("aud_0005", out _).Should().BeTrue();
    }
}
