using Blux.Modules.Guard;
using Blux.Modules.Guard.Requests;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Blux.UnitTests.Guard;

public sealed class ReplayGuardTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(300);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private ReplayGuard Guard(int? maxEntries = null) =>
        new(_clock, Options.Create(new GuardOptions
        {
            FreshnessWindow = Window,
            ReplayMemoryBytes = maxEntries is { } n ? n * ReplayGuard.BytesPerEntry : new GuardOptions().ReplayMemoryBytes,
        }));

    [Fact]
    public void The_same_body_again_is_a_retry_and_another_body_a_replay()
    {
        var guard = Guard();

        guard.TryRemember("alice", "task-1", "hash-a").Should().BeTrue();
        guard.TryRemember("alice", "task-1", "hash-a").Should().BeTrue();
        guard.TryRemember("alice", "task-1", "hash-b").Should().BeFalse();
        guard.TryRemember("bob", "task-1", "hash-b").Should().BeTrue("task ids are remembered per identity");
    }

    [Fact]
    public void After_twice_the_freshness_window_a_task_id_is_forgotten()
    {
        var guard = Guard();
        guard.TryRemember("alice", "task-1", "hash-a").Should().BeTrue();

        _clock.Advance(Window * 2 - TimeSpan.FromSeconds(1));
        guard.TryRemember("alice", "task-1", "hash-b").Should().BeFalse();

        _clock.Advance(TimeSpan.FromSeconds(2));
        guard.TryRemember("alice", "task-1", "hash-b").Should().BeTrue();
    }

    [Fact]
    public void Expired_entries_are_dropped_by_the_next_request()
    {
        var guard = Guard();
        for (var i = 0; i < 1_000; i++)
        {
            guard.TryRemember("alice", $"task-{i}", "hash");
        }

        guard.Count.Should().Be(1_000);
        _clock.Advance(Window * 2);
        guard.TryRemember("alice", "task-new", "hash").Should().BeTrue();

        guard.Count.Should().Be(1, "every entry written before the window passed is gone");
    }

    [Fact]
    public void A_retry_keeps_the_task_id_remembered_from_the_retry_on()
    {
        var guard = Guard();
        guard.TryRemember("alice", "task-1", "hash-a");
        _clock.Advance(Window);
        guard.TryRemember("alice", "task-1", "hash-a").Should().BeTrue();

        // The first write's time has passed; the retry's has not.
        _clock.Advance(Window + TimeSpan.FromSeconds(1));
        guard.TryRemember("alice", "task-2", "hash").Should().BeTrue();
        guard.TryRemember("alice", "task-1", "hash-b").Should().BeFalse();
    }

    [Fact]
    public void Beyond_its_bound_the_oldest_entries_go_first()
    {
        var guard = Guard(maxEntries: 100);
        for (var i = 0; i < 150; i++)
        {
            guard.TryRemember("alice", $"task-{i}", "hash");
        }

        guard.Count.Should().BeLessThanOrEqualTo(101);
        guard.TryRemember("alice", "task-149", "other").Should().BeFalse("the newest are still remembered");
        guard.TryRemember("alice", "task-0", "other").Should().BeTrue("the oldest were let go");
    }

    [Fact]
    public void The_default_budget_holds_about_three_hundred_and_fifty_thousand_task_ids()
    {
        var guard = Guard();

        guard.MaxEntries.Should().Be((int)((64L << 20) / ReplayGuard.BytesPerEntry));
        guard.MaxEntries.Should().BeInRange(300_000, 400_000);
    }

    [Fact]
    public void An_entry_costs_the_same_whatever_the_lengths_of_the_identity_and_task_id()
    {
        var guard = Guard(maxEntries: 10);
        guard.TryRemember(new string('a', 64), new string('t', 128), "sha256-" + new string('0', 64)).Should().BeTrue();
        guard.TryRemember(new string('a', 64), new string('t', 128), "sha256-" + new string('1', 64)).Should().BeFalse();
        guard.TryRemember(new string('a', 63), "a" + new string('t', 128), "sha256-" + new string('1', 64))
            .Should().BeTrue("the identity and task id are folded with their lengths, so moving a character between them is another key");

        guard.EstimatedBytes.Should().Be(2 * ReplayGuard.BytesPerEntry);
    }
}
