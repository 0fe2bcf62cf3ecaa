using Blux.Modules.Guard.Features.Events;
using Blux.SharedKernel.Events;

namespace Blux.UnitTests.Guard;

/// <summary>The event log serializes each event once: what it signs and keeps must equal the event's own forms.</summary>
public sealed class EventSigningFormTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 12, 0, 0, TimeSpan.FromHours(2));

    public static TheoryData<BLUXEvent> Events() => new()
    {
        new TaskStart(new EventOrigin("evt_1", At, "blux-lite", "aud_1"), "task_1", "echo", new TaskContext("alice", "dev", "low"), new DoctrineRequirements(true, false, AuditLevel.Detailed)),
        new TaskCompleted(new EventOrigin("evt_2", At, "blux-lite", "aud_2"), "task_1", "completed", "sha256-abc", 12),
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
