using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Data;
using Blux.Modules.Lite.Domain;

namespace Blux.UnitTests.Lite;

public sealed class RecentTasksTests
{
    private static TaskRecord Row(string taskId, long version = 1) => TaskRecords.New(TaskStatuses.Queued, taskId).Snapshot(version);

    [Fact]
    public void Each_read_gets_a_copy_of_its_own()
    {
        var recent = new RecentTasks(capacity: 4);
        recent.Put(Row("task_a", version: 3));

        var first = recent.TryGet("task_a")!;
        first.Status = TaskStatuses.Running;
        first.Version = 9;

        var second = recent.TryGet("task_a")!;
        second.Status.Should().Be(TaskStatuses.Queued);
        second.Version.Should().Be(3);
        second.Should().NotBeSameAs(first);
    }

    [Fact]
    public void A_later_write_replaces_the_copy_and_forget_drops_it()
    {
        var recent = new RecentTasks(capacity: 4);
        recent.Put(Row("task_a", version: 1));
        var later = Row("task_a", version: 2);
        later.Status = TaskStatuses.Completed;
        recent.Put(later);

        recent.TryGet("task_a")!.Status.Should().Be(TaskStatuses.Completed);
        recent.Count.Should().Be(1);

        recent.Forget("task_a");
        recent.TryGet("task_a").Should().BeNull();
    }

    [Fact]
    public void Rows_with_large_payloads_are_bounded_by_bytes_before_count()
    {
        var recent = new RecentTasks(capacity: 1024, maxBytes: 8L << 20);
        for (var i = 0; i < 100; i++)
        {
            var row = Row($"task_{i}");
            recent.Put(new TaskRecord
            {
                TaskId = row.TaskId, Type = row.Type, Status = row.Status, Identity = row.Identity, IdentityAudit = row.IdentityAudit,
                BodyHash = row.BodyHash, ContextJson = row.ContextJson, PayloadJson = new string('x', 512 * 1024), RequirementsJson = row.RequirementsJson,
                DecisionJson = row.DecisionJson, Route = row.Route, RouteJson = row.RouteJson, MaxExecutionMs = row.MaxExecutionMs,
                CreateAuditId = row.CreateAuditId, EventIdsJson = row.EventIdsJson, AuditTrailJson = row.AuditTrailJson, CreatedAt = row.CreatedAt,
            });
        }

        recent.Bytes.Should().BeLessThanOrEqualTo(8L << 20);
        recent.Count.Should().BeInRange(7, 8, "each row holds a 1 MiB string (512 Ki UTF-16 characters)");
        recent.TryGet("task_99").Should().NotBeNull("the newest are kept");
        recent.TryGet("task_0").Should().BeNull();
    }
}
