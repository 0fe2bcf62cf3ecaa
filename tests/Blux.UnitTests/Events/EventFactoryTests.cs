using Blux.SharedKernel.Events;
using Microsoft.Extensions.Time.Testing;

namespace Blux.UnitTests.Events;

/// <summary>An event made by its constructor carries its origin and keeps the JSON form clients and the event log know.</summary>
public sealed class EventFactoryTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_origin_gives_a_new_event_id_the_time_the_source_and_the_audit_id()
    {
        var clock = new FakeTimeProvider(At);

        var first = EventOrigin.New(clock, BluxSources.Lite, "aud_1");
        var second = EventOrigin.New(clock, BluxSources.Lite, "aud_1", At.AddSeconds(-5));

        first.EventId.Should().StartWith("evt_").And.NotBe(second.EventId);
        first.Timestamp.Should().Be(At);
        second.Timestamp.Should().Be(At.AddSeconds(-5));
        first.Source.Should().Be(BluxSources.Lite);
        first.AuditId.Should().Be("aud_1");
    }

    [Fact]
    public void A_task_event_lists_task_id_first_then_its_own_fields_then_the_origin()
    {
        var origin = new EventOrigin("evt_1", At, BluxSources.Lite, "aud_1");

        var json = new TaskFailed(origin, "task_1", "CANCELLED", "Cancelled by user:alice.").ToJson();

        json.Select(p => p.Key).Should().Equal("task_id", "error_code", "message", "event_id", "timestamp", "source", "audit_id", "signature", "event_type");
        json["event_id"]!.GetValue<string>().Should().Be("evt_1");
        json["audit_id"]!.GetValue<string>().Should().Be("aud_1");
        json["event_type"]!.GetValue<string>().Should().Be("TaskFailed");
        json.ContainsKey("origin").Should().BeFalse();
    }

    [Fact]
    public void An_event_read_back_from_its_json_has_the_same_origin()
    {
        var evt = new KeyRotate(new EventOrigin("evt_2", At, BluxSources.Reg, "aud_2"), "key_1", "token_signing", "scheduled", At);

        var read = System.Text.Json.JsonSerializer.Deserialize<KeyRotate>(evt.ToJson(), Blux.SharedKernel.Json.BluxJson.Options)!;

        read.Should().Be(evt);
        read.Origin.Should().Be(evt.Origin);
    }
}
