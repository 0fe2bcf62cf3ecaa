using Blux.Modules.Lite.Execution;

namespace Blux.UnitTests.Lite;

public sealed class TaskCompletionNotifierTests
{
    [Fact]
    public void A_waiter_that_leaves_wakes_no_other_and_the_last_one_out_leaves_nothing_behind()
    {
        var notifier = new TaskCompletionNotifier();
        var first = notifier.Register("task_a");
        var second = notifier.Register("task_a");

        first.Dispose();

        second.Finished.IsCompleted.Should().BeFalse("one request giving up must not end another's wait");
        notifier.Count.Should().Be(1);
        second.Dispose();
        notifier.Count.Should().Be(0);
        notifier.EstimatedBytes.Should().Be(0);
    }

    [Fact]
    public void The_end_of_a_task_wakes_every_waiter_and_forgets_the_task()
    {
        var notifier = new TaskCompletionNotifier();
        using var first = notifier.Register("task_a");
        using var second = notifier.Register("task_a");
        using var other = notifier.Register("task_b");

        notifier.Complete("task_a");

        first.Finished.IsCompleted.Should().BeTrue();
        second.Finished.IsCompleted.Should().BeTrue();
        other.Finished.IsCompleted.Should().BeFalse();
        notifier.Count.Should().Be(1);
        notifier.EstimatedBytes.Should().Be(TaskCompletionNotifier.BytesPerEntry + (2 * "task_b".Length));
    }

    [Fact]
    public void Registering_after_an_end_waits_for_the_next_end_and_ids_nobody_waits_for_cost_nothing()
    {
        var notifier = new TaskCompletionNotifier();
        notifier.Complete("task_never_waited_for");
        notifier.Count.Should().Be(0);

        using var late = notifier.Register("task_a");
        late.Finished.IsCompleted.Should().BeFalse();
        late.Dispose();
        late.Dispose();
        notifier.Count.Should().Be(0, "disposing twice gives the registration back once");
    }

    [Fact]
    public void Many_requests_registering_and_leaving_at_once_leave_no_entry()
    {
        var notifier = new TaskCompletionNotifier();

        Parallel.For(0, 20_000, i =>
        {
            using var waiter = notifier.Register($"task_{i % 16}");
            if (i % 7 == 0)
            {
                notifier.Complete($"task_{i % 16}");
            }
        });

        notifier.Count.Should().Be(0);
    }
}
