using Blux.Modules.Lite.Routes;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Blux.UnitTests.Lite;

public sealed class WebhookAnswerBudgetTests
{
    private readonly FakeTimeProvider _clock = new();

    private WebhookAnswerBudget Budget(long bytes = 100, double waitSeconds = 10) =>
        new(Options.Create(new WebhookOptions { AnswerBudgetBytes = bytes, MaxResponseBytes = (int)Math.Min(bytes, 100), AnswerBudgetWait = TimeSpan.FromSeconds(waitSeconds) }), _clock);

    [Fact]
    public async Task Reservations_are_granted_while_they_fit_and_returned_on_dispose()
    {
        var budget = Budget();

        var first = await budget.ReserveAsync(60, CancellationToken.None);
        var second = await budget.ReserveAsync(40, CancellationToken.None);

        budget.Reserved.Should().Be(100);
        first!.Dispose();
        second!.Dispose();
        budget.Reserved.Should().Be(0);
    }

    [Fact]
    public async Task A_reservation_that_does_not_fit_waits_until_room_is_returned()
    {
        var budget = Budget();
        var holder = await budget.ReserveAsync(80, CancellationToken.None);

        var waiting = budget.ReserveAsync(50, CancellationToken.None);

        waiting.IsCompleted.Should().BeFalse();
        budget.Waiting.Should().Be(1);
        holder!.Dispose();
        var granted = await waiting;
        granted!.Held.Should().Be(50);
        budget.Reserved.Should().Be(50);
        budget.Waiting.Should().Be(0);
    }

    [Fact]
    public async Task A_wait_that_outlasts_its_limit_ends_with_nothing_held()
    {
        var budget = Budget(waitSeconds: 5);
        using var holder = await budget.ReserveAsync(100, CancellationToken.None);

        var waiting = budget.ReserveAsync(1, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(5));

        (await waiting).Should().BeNull();
        budget.Waiting.Should().Be(0);
        budget.Reserved.Should().Be(100);
    }

    [Fact]
    public async Task No_wait_means_an_answer_at_once()
    {
        var budget = Budget(waitSeconds: 0);
        using var holder = await budget.ReserveAsync(100, CancellationToken.None);

        (await budget.ReserveAsync(1, CancellationToken.None)).Should().BeNull();
        budget.Waiting.Should().Be(0);
    }

    [Fact]
    public async Task A_cancelled_wait_throws_and_leaves_the_line()
    {
        var budget = Budget();
        using var holder = await budget.ReserveAsync(100, CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = budget.ReserveAsync(10, cancel.Token);
        await cancel.CancelAsync();

        await waiting.Invoking(async w => await w).Should().ThrowAsync<OperationCanceledException>();
        budget.Waiting.Should().Be(0);
        budget.Reserved.Should().Be(100);
    }

    [Fact]
    public async Task Waiters_are_served_in_order_so_a_large_one_is_not_passed_over()
    {
        var budget = Budget();
        var holder = await budget.ReserveAsync(90, CancellationToken.None);
        var large = budget.ReserveAsync(100, CancellationToken.None);

        var small = budget.ReserveAsync(5, CancellationToken.None);

        small.IsCompleted.Should().BeFalse("5 bytes would fit, but the larger request asked first");
        holder!.Dispose();
        var largeLease = await large;
        small.IsCompleted.Should().BeFalse();
        largeLease!.Dispose();
        (await small)!.Held.Should().Be(5);
    }

    [Fact]
    public async Task When_the_first_in_line_gives_up_the_next_one_that_fits_is_served()
    {
        var budget = Budget(waitSeconds: 5);
        using var holder = await budget.ReserveAsync(90, CancellationToken.None);
        var large = budget.ReserveAsync(100, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(3));
        var small = budget.ReserveAsync(5, CancellationToken.None);

        _clock.Advance(TimeSpan.FromSeconds(2));

        (await large).Should().BeNull();
        (await small)!.Held.Should().Be(5);
    }

    [Fact]
    public async Task Shrinking_returns_what_the_answer_does_not_need()
    {
        var budget = Budget();
        var lease = await budget.ReserveAsync(100, CancellationToken.None);
        var waiting = budget.ReserveAsync(70, CancellationToken.None);

        lease!.ShrinkTo(30);
        lease.ShrinkTo(50);

        lease.Held.Should().Be(30, "a lease never grows back");
        (await waiting)!.Held.Should().Be(70);
        budget.Reserved.Should().Be(100);
        lease.Dispose();
        lease.Dispose();
        budget.Reserved.Should().Be(70);
    }

    [Fact]
    public async Task More_than_the_whole_budget_is_a_programming_error()
    {
        var budget = Budget();

        await budget.Invoking(b => b.ReserveAsync(101, CancellationToken.None)).Should().ThrowAsync<ArgumentOutOfRangeException>();
    }
}
