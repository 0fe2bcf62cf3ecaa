using Blux.Modules.Guard.Contracts;
using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Domain;

namespace Blux.UnitTests.Lite;

public sealed class TaskRecordCommitTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 1, 0, TimeSpan.Zero);

    private static PendingTransition Pending(TaskAction action, string from, string to, string auditId = "aud_2") => new()
    {
        Action = action,
        From = from,
        To = to,
        At = At,
        Audit = new AuditEntry { AuditId = auditId, Service = "blux-lite", Operation = action.Operation(), Identity = "user:bob", Status = AuditStatuses.Success },
        ResultJson = "{\"ok\":true}",
        ErrorCode = to == TaskStatuses.Completed ? null : "E",
        ErrorMessage = to == TaskStatuses.Completed ? null : "m",
        Actor = "user:bob",
        Reason = "why",
        NotBefore = to == TaskStatuses.Queued ? At.AddSeconds(2) : null,
    };

    [Fact]
    public void A_committed_run_takes_its_outcome_and_its_audit_record_once()
    {
        var task = TaskRecords.New(TaskStatuses.Running);
        var pending = Pending(TaskAction.Execute, TaskStatuses.Running, TaskStatuses.Completed);
        task.PendingJson = "{}";

        task.Commit(pending);
        task.Commit(pending);

        task.Status.Should().Be(TaskStatuses.Completed);
        task.ResultJson.Should().Be("{\"ok\":true}");
        task.CompletedAt.Should().Be(At);
        task.PendingJson.Should().BeNull();
        task.AuditTrail.Should().Equal("aud_1", "aud_2");
    }

    [Fact]
    public void A_retry_goes_back_to_queued_with_its_next_try_and_no_end_time()
    {
        var task = TaskRecords.New(TaskStatuses.Running);

        task.Commit(Pending(TaskAction.Execute, TaskStatuses.Running, TaskStatuses.Queued));

        task.Status.Should().Be(TaskStatuses.Queued);
        task.NotBefore.Should().Be(At.AddSeconds(2));
        task.CompletedAt.Should().BeNull();
    }

    [Fact]
    public void An_approval_records_who_when_and_why()
    {
        var task = TaskRecords.New(TaskStatuses.AwaitingApproval);

        task.Commit(Pending(TaskAction.Approve, TaskStatuses.AwaitingApproval, TaskStatuses.Queued));

        task.ReviewedBy.Should().Be("user:bob");
        task.ReviewedAt.Should().Be(At);
        task.ReviewDecision.Should().Be("approve");
        task.ReviewReason.Should().Be("why");
    }

    [Fact]
    public void A_cancel_request_on_a_running_task_keeps_it_running()
    {
        var task = TaskRecords.New(TaskStatuses.Running);

        task.Commit(Pending(TaskAction.Cancel, TaskStatuses.Running, TaskStatuses.Running) with { ErrorCode = null, ErrorMessage = null });

        task.Status.Should().Be(TaskStatuses.Running);
        task.CancelRequestedBy.Should().Be("user:bob");
        task.CompletedAt.Should().BeNull();
        task.ErrorCode.Should().BeNull();
    }
}
