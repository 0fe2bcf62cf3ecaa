using Blux.Modules.Lite.Contracts;
using Blux.Modules.Lite.Domain;
using Blux.SharedKernel.Errors;

namespace Blux.UnitTests.Lite;

public sealed class TaskLifecycleTests
{
    private static readonly string[] All =
    [
        TaskStatuses.Accepted, TaskStatuses.AwaitingApproval, TaskStatuses.Queued, TaskStatuses.Running, TaskStatuses.Completed,
        TaskStatuses.Failed, TaskStatuses.Cancelled, TaskStatuses.TimedOut, TaskStatuses.Rejected,
    ];

    public static TheoryData<string, string> Allowed => new()
    {
        { TaskStatuses.Accepted, TaskStatuses.AwaitingApproval },
        { TaskStatuses.Accepted, TaskStatuses.Queued },
        { TaskStatuses.Accepted, TaskStatuses.Rejected },
        { TaskStatuses.AwaitingApproval, TaskStatuses.Queued },
        { TaskStatuses.AwaitingApproval, TaskStatuses.Rejected },
        { TaskStatuses.AwaitingApproval, TaskStatuses.Cancelled },
        { TaskStatuses.Queued, TaskStatuses.Running },
        { TaskStatuses.Queued, TaskStatuses.Cancelled },
        { TaskStatuses.Running, TaskStatuses.Completed },
        { TaskStatuses.Running, TaskStatuses.Failed },
        { TaskStatuses.Running, TaskStatuses.Cancelled },
        { TaskStatuses.Running, TaskStatuses.TimedOut },
        { TaskStatuses.Running, TaskStatuses.Queued },
    };

    [Fact]
    public void Exactly_the_transitions_of_the_lifecycle_are_allowed()
    {
        var allowed = Allowed.Select(row => ((string)row[0], (string)row[1])).ToHashSet();
        foreach (var from in All)
        {
            foreach (var to in All)
            {
                TaskLifecycle.CanMove(from, to).Should().Be(allowed.Contains((from, to)), $"{from} → {to}");
            }
        }
    }

    [Fact]
    public void Nothing_leaves_a_terminal_status()
    {
        foreach (var terminal in All.Where(TaskStatuses.IsTerminal))
        {
            All.Should().NotContain(to => TaskLifecycle.CanMove(terminal, to));
        }
    }

    [Fact]
    public void A_refused_transition_is_a_409_naming_the_status_and_action()
    {
        var task = TaskRecords.New(TaskStatuses.Completed);

        var act = () => TaskLifecycle.EnsureCanMove(task, TaskStatuses.Cancelled, TaskAction.Cancel);

        var error = act.Should().Throw<BluxException>().Which;
        error.StatusCode.Should().Be(409);
        error.Details["issue"].Should().Be("invalid_transition");
        error.Details["status"].Should().Be(TaskStatuses.Completed);
        error.Details["action"].Should().Be("cancel");
    }
}
