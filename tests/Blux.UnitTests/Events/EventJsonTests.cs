using System.Text.Json;
using System.Text.Json.Nodes;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Json;

namespace Blux.UnitTests.Events;

/// <summary>
/// The JSON of every event type, byte for byte: events are hashed, signed and kept in this form, so
/// a change to how an event type is declared or made must not move, rename or drop a field.
/// </summary>
public sealed class EventJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 14, 0, 0, 123, TimeSpan.FromHours(2));

    private static readonly EventOrigin Origin = new("evt_01", At, BluxSources.Lite, "aud_01");

    public static TheoryData<BLUXEvent, string> Events() => new()
    {
        {
            new TaskStart(Origin, "task_1", "echo", new TaskContext(null, "development", "low"), new DoctrineRequirements(true, false, AuditLevel.Detailed)),
            """{"task_id":"task_1","task_type":"echo","context":{"user_id":null,"environment":"development","sensitivity":"low"},"requirements":{"require_reflection":true,"sandbox_execution":false,"audit_level":"detailed"},"event_id":"evt_01","timestamp":"2026-01-01T12:00:00.123Z","source":"blux-lite","audit_id":"aud_01","signature":null,"event_type":"TaskStart"}"""
        },
        {
            new RouteDecision(Origin, "task_1", "script", "Doctrine \"strict\" — sandbox", ["sandbox", "reflect"]),
            """{"task_id":"task_1","selected_route":"script","rationale":"Doctrine \"strict\" — sandbox","doctrine_flags":["sandbox","reflect"],"event_id":"evt_01","timestamp":"2026-01-01T12:00:00.123Z","source":"blux-lite","audit_id":"aud_01","signature":null,"event_type":"RouteDecision"}"""
        },
        {
            new ReflectionNote(Origin with { Source = BluxSources.Ca }, "task_1", "steady <ok>", 0.85, ["aud_00", "aud_01"]),
            """{"task_id":"task_1","insight":"steady <ok>","confidence":0.85,"related_audit_ids":["aud_00","aud_01"],"event_id":"evt_01","timestamp":"2026-01-01T12:00:00.123Z","source":"blux-ca","audit_id":"aud_01","signature":null,"event_type":"ReflectionNote"}"""
        },
        {
            new TaskCompleted(Origin, "task_1", "completed", "sha256-abc", 1234),
            """{"task_id":"task_1","status":"completed","result_hash":"sha256-abc","duration_ms":1234,"event_id":"evt_01","timestamp":"2026-01-01T12:00:00.123Z","source":"blux-lite","audit_id":"aud_01","signature":null,"event_type":"TaskCompleted"}"""
        },
        {
            new TaskFailed(Origin, "task_1", "CANCELLED", "Cancelled by user:alice."),
            """{"task_id":"task_1","error_code":"CANCELLED","message":"Cancelled by user:alice.","event_id":"evt_01","timestamp":"2026-01-01T12:00:00.123Z","source":"blux-lite","audit_id":"aud_01","signature":null,"event_type":"TaskFailed"}"""
        },
        {
            new ApprovalRequested(Origin, "task_1", []),
            """{"task_id":"task_1","reasons":[],"event_id":"evt_01","timestamp":"2026-01-01T12:00:00.123Z","source":"blux-lite","audit_id":"aud_01","signature":null,"event_type":"ApprovalRequested"}"""
        },
        {
            new KeyRotate(Origin with { Source = BluxSources.Reg }, "key_1", "token_signing", "scheduled", At.AddDays(1)),
            """{"key_id":"key_1","key_type":"token_signing","rotation_reason":"scheduled","valid_after":"2026-01-02T12:00:00.123Z","event_id":"evt_01","timestamp":"2026-01-01T12:00:00.123Z","source":"blux-reg","audit_id":"aud_01","signature":null,"event_type":"KeyRotate"}"""
        },
        {
            new PolicyChanged(Origin with { Source = BluxSources.Guard }, 7, "sha256-def"),
            """{"doctrine_version":7,"digest":"sha256-def","event_id":"evt_01","timestamp":"2026-01-01T12:00:00.123Z","source":"blux-guard","audit_id":"aud_01","signature":null,"event_type":"PolicyChanged"}"""
        },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Each_event_type_keeps_its_json_byte_for_byte(BLUXEvent evt, string json)
    {
        evt.ToJson().ToJsonString(BluxJson.Options).Should().Be(json);

        var signingForm = JsonNode.Parse(json)!.AsObject();
        signingForm.Remove("signature");
        evt.SigningBytes().Should().Equal(CanonicalJson.ToUtf8Bytes(signingForm));
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void Each_event_type_reads_back_from_its_json_to_the_same_json(BLUXEvent evt, string json)
    {
        var signed = evt with { Signature = "sig_1" };

        var read = (BLUXEvent)JsonSerializer.Deserialize(signed.ToJson(), evt.GetType(), BluxJson.Options)!;

        read.Origin.Should().Be(evt.Origin);
        read.Signature.Should().Be("sig_1");
        read.ToJson().ToJsonString(BluxJson.Options).Should().Be(json.Replace("\"signature\":null", "\"signature\":\"sig_1\"", StringComparison.Ordinal));
    }
}
