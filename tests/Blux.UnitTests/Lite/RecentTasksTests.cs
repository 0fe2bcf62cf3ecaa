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
}
