using System.Text.Json;
using Blux.Modules.Lite.Domain;
using Blux.SharedKernel.Events;
using Blux.SharedKernel.Json;

namespace Blux.UnitTests.Lite;

/// <summary>
/// The pending transition a task row keeps across a crash is read back by the next version of Blux:
/// its text, as the stores hold it today, reads as the same action and audit level and is written back
/// unchanged; a name Blux never wrote is refused, not read as some default.
/// </summary>
public sealed class PendingTransitionFormatTests
{
    /// <summary>A pending transition exactly as Blux writes it to <c>pending_json</c>.</summary>
    private static string Stored(string action, string auditLevel) =>
        "{\"action\":\"" + action + "\",\"from\":\"awaiting_approval\",\"to\":\"queued\",\"at\":\"2026-01-01T00:01:00.000Z\","
        + "\"audit\":{\"audit_id\":\"aud_x\",\"service\":\"blux-lite\",\"operation\":\"task." + action + "\",\"identity\":\"user:bob\","
        + "\"input_hash\":null,\"output_hash\":null,\"doctrine_flags_applied\":[],\"related_events\":[\"evt_1\"],\"status\":\"success\","
        + "\"duration_ms\":0,\"data\":{\"task_id\":\"tsk_1\"},\"audit_level\":\"" + auditLevel + "\"},"
        + "\"events\":[{\"event_id\":\"evt_1\"}],\"result_json\":null,\"error_code\":null,\"error_message\":null,\"duration_ms\":null,"
        + "\"not_before\":null,\"actor\":\"user:bob\",\"reason\":\"ok\",\"audit_id\":\"aud_x\"}";

    [Theory]
    [InlineData("create", nameof(TaskAction.Create), "none", AuditLevel.None)]
    [InlineData("execute", nameof(TaskAction.Execute), "basic", AuditLevel.Basic)]
    [InlineData("approve", nameof(TaskAction.Approve), "detailed", AuditLevel.Detailed)]
    [InlineData("reject", nameof(TaskAction.Reject), "verbose", AuditLevel.Verbose)]
    [InlineData("cancel", nameof(TaskAction.Cancel), "basic", AuditLevel.Basic)]
    public void A_stored_transition_reads_as_its_action_and_level_and_is_written_back_unchanged(string action, string memberName, string auditLevel, AuditLevel level)
    {
        var member = Enum.Parse<TaskAction>(memberName);
        var stored = Stored(action, auditLevel);

        var pending = BluxJson.Deserialize<PendingTransition>(stored)!;

        pending.Action.Should().Be(member);
        pending.Audit.AuditLevel.Should().Be(level);
        pending.Audit.Operation.Should().Be(member.Operation());
        BluxJson.Serialize(pending).Should().Be(stored);
    }

    [Theory]
    [InlineData("Approve")]
    [InlineData("approved")]
    [InlineData("APPROVE")]
    [InlineData("")]
    public void A_stored_transition_with_an_action_Blux_never_wrote_is_refused(string action) =>
        FluentActions.Invoking(() => BluxJson.Deserialize<PendingTransition>(Stored(action, "basic")))
            .Should().Throw<JsonException>().WithInnerException<FormatException>().WithMessage("*create, execute, approve, reject or cancel*");

    [Fact]
    public void A_stored_transition_with_a_numbered_action_is_refused() =>
        FluentActions.Invoking(() => BluxJson.Deserialize<PendingTransition>(Stored("approve", "basic").Replace("\"action\":\"approve\"", "\"action\":2", StringComparison.Ordinal)))
            .Should().Throw<JsonException>();

    [Theory]
    [InlineData("Basic")]
    [InlineData("everything")]
    [InlineData("1")]
    public void A_stored_transition_with_an_audit_level_Blux_never_wrote_is_refused(string auditLevel) =>
        FluentActions.Invoking(() => BluxJson.Deserialize<PendingTransition>(Stored("approve", auditLevel)))
            .Should().Throw<JsonException>().WithInnerException<FormatException>().WithMessage("*none, basic, detailed or verbose*");

    [Fact]
    public void Every_action_is_audited_as_task_dot_its_name() =>
        Enum.GetValues<TaskAction>().Select(a => a.Operation())
            .Should().Equal("task.create", "task.execute", "task.approve", "task.reject", "task.cancel");
}
