using Blux.Modules.Guard.Features.Events;
using Blux.SharedKernel.Events;

namespace Blux.UnitTests.Guard;

/// <summary>The event log serializes each event once: what it signs and keeps must equal the event's own forms.</summary>
public sealed class EventSigningFormTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 12, 0, 0, TimeSpan.FromHours(2));

    public static TheoryData<BLUXEvent> Events() => new()
    {
        new TaskStart
        {
            EventId = "evt_1",
            Timestamp = At,
            Source = "blux-lite",
            AuditId = "aud_1",
            TaskId = "task_1",
            TaskType = "echo",
            Context = new TaskContext("alice", "dev", "low"),
            Requirements = new DoctrineRequirements(true, false, AuditLevel.Detailed),
        },
        new TaskCompleted
        {
            EventId = "evt_2",
            Timestamp = At,
            Source = "blux-lite",
            AuditId = "aud_2",
            TaskId = "task_1",
            Status = "completed",
            ResultHash = "sha256-abc",
            DurationMs = 12,
        },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void The_signed_bytes_and_the_kept_json_are_those_of_the_event(BLUXEvent evt)
    {
        var unsigned = AppendEventsHandler.Unsigned(evt);

        unsigned.SigningBytes.Should().Equal(evt.SigningBytes());
        AppendEventsHandler.Signed(unsigned, "hs256-sig")
            .Should().Be((evt with { Signature = "hs256-sig" }).ToJson().ToJsonString());
    }
}
