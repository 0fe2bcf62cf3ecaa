using Blux.Modules.Lite;
using Blux.Modules.Lite.Routes;
using Microsoft.Extensions.Options;

namespace Blux.UnitTests.Lite;

public sealed class ScriptMemoryBudgetTests
{
    private static ScriptMemoryBudget Budget(int megabytes) => new(Options.Create(new LiteOptions { ScriptMemoryBudgetMb = megabytes }));

    [Fact]
    public void A_limit_larger_than_the_budget_is_granted_as_the_whole_budget()
    {
        var budget = Budget(100);

        budget.Grant(512).Should().Be(100);
        budget.Grant(64).Should().Be(64);
        budget.Grant(0).Should().Be(1);
    }

    [Fact]
    public void Without_a_setting_the_budget_is_half_of_what_the_process_can_see()
    {
        var budget = Budget(0);

        budget.TotalMb.Should().Be(Math.Max(1, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2 / (1024 * 1024)));
    }

    [Fact]
    public async Task Reservations_that_fit_are_granted_at_once_and_given_back_once()
    {
        var budget = Budget(100);

        var first = await budget.ReserveAsync(60, CancellationToken.None);
        var second = await budget.ReserveAsync(40, CancellationToken.None);
        budget.ReservedMb.Should().Be(100);

        first.Dispose();
        first.Dispose();
        budget.ReservedMb.Should().Be(40);
        second.Dispose();
        budget.ReservedMb.Should().Be(0);
    }

    [Fact]
    public async Task A_reservation_that_does_not_fit_waits_until_enough_is_given_back()
    {
        var budget = Budget(100);
        var holder = await budget.ReserveAsync(80, CancellationToken.None);

        var waiting = budget.ReserveAsync(50, CancellationToken.None).AsTask();

        waiting.IsCompleted.Should().BeFalse();
        budget.Waiting.Should().Be(1);
        holder.Dispose();
        using var granted = await waiting;
        granted.Megabytes.Should().Be(50);
        budget.ReservedMb.Should().Be(50);
        budget.Waiting.Should().Be(0);
    }

    [Fact]
    public async Task Waiters_are_served_in_order_so_a_large_one_is_not_overtaken_by_small_ones()
    {
        var budget = Budget(100);
        var holder = await budget.ReserveAsync(60, CancellationToken.None);
        var large = budget.ReserveAsync(90, CancellationToken.None).AsTask();

        var small = budget.ReserveAsync(10, CancellationToken.None).AsTask();

        small.IsCompleted.Should().BeFalse("10 MB would fit, but a larger request came first");
        holder.Dispose();
        (await large).Dispose();
        (await small).Dispose();
        budget.ReservedMb.Should().Be(0);
    }

    [Fact]
    public async Task A_wait_ended_by_its_time_limit_holds_nothing_and_lets_the_next_one_through()
    {
        var budget = Budget(100);
        using var holder = await budget.ReserveAsync(60, CancellationToken.None);
        using var limit = new CancellationTokenSource();
        var large = budget.ReserveAsync(90, limit.Token).AsTask();
        var small = budget.ReserveAsync(30, CancellationToken.None).AsTask();

        await limit.CancelAsync();

        await large.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        using var granted = await small;
        budget.ReservedMb.Should().Be(90);
        budget.Waiting.Should().Be(0);
    }

    [Fact]
    public async Task A_time_limit_already_over_takes_nothing()
    {
        var budget = Budget(100);
        using var holder = await budget.ReserveAsync(100, CancellationToken.None);

        var act = () => budget.ReserveAsync(1, new CancellationToken(canceled: true)).AsTask();

        await act.Should().ThrowAsync<OperationCanceledException>();
        budget.Waiting.Should().Be(0);
    }

    [Fact]
    public async Task A_script_waits_for_memory_and_is_given_no_more_than_the_budget()
    {
        var budget = Budget(32);
        var route = ScriptRoutes.Create(new LiteOptions { ScriptMemoryBudgetMb = 32 }, budget);
        var holder = await budget.ReserveAsync(32, CancellationToken.None);
        var context = new RouteContext("task_1", "script", new System.Text.Json.Nodes.JsonObject
        {
            ["language"] = "javascript",
            ["source"] = "var hoard = []; while (true) { hoard.push('x'.repeat(1000) + hoard.length); }",
        }, 1, new RouteLimits(TimeSpan.FromSeconds(30), 512, []));

        var run = route.ExecuteAsync(context, CancellationToken.None);

        budget.Waiting.Should().Be(1);
        holder.Dispose();
        var failure = (await run.Invoking(r => r).Should().ThrowAsync<RouteException>()).Which;
        failure.Code.Should().Be("MEMORY_LIMIT");
        failure.Message.Should().Contain("32 MB", "the doctrine allows 512 MB but the budget holds 32");
        budget.ReservedMb.Should().Be(0, "the script gave its memory back");
    }
}
