using System.Globalization;
using Blux.SharedKernel;
using Microsoft.Extensions.Time.Testing;

namespace Blux.UnitTests.Identifiers;

public sealed class BluxIdTests
{
    [Theory]
    [InlineData(BluxId.Task, "task_")]
    [InlineData(BluxId.Audit, "aud_")]
    [InlineData(BluxId.AuditError, "aud_err_")]
    [InlineData(BluxId.Event, "evt_")]
    [InlineData(BluxId.Key, "key_")]
    [InlineData(BluxId.Checkpoint, "chk_")]
    public void Ids_carry_their_prefix_followed_by_32_lowercase_hex_digits(string prefix, string expectedStart)
    {
        var id = BluxId.New(prefix);

        id.Should().StartWith(expectedStart);
        id[expectedStart.Length..].Should().MatchRegex("^[0-9a-f]{32}\\z");
    }

    [Fact]
    public void Ids_are_unique_even_at_the_same_instant()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var ids = Enumerable.Range(0, 5000).Select(_ => BluxId.New(BluxId.Task, clock)).ToArray();

        ids.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Ids_created_at_increasing_times_sort_in_creation_order()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var steps = new[] { 1, 1, 2, 7, 1, 1000, 60_000, 1, 3_600_000, 1, 86_400_000, 5 };
        var created = new List<string>();
        foreach (var step in steps)
        {
            created.Add(BluxId.New(BluxId.Audit, clock));
            clock.Advance(TimeSpan.FromMilliseconds(step));
        }

        created.Order(StringComparer.Ordinal).Should().Equal(created);
    }

    [Fact]
    public void The_id_carries_its_creation_time_in_milliseconds()
    {
        var at = new DateTimeOffset(2026, 5, 17, 8, 30, 15, 123, TimeSpan.Zero);
        var clock = new FakeTimeProvider(at);

        var id = BluxId.New(BluxId.Event, clock);

        var millis = long.Parse(id["evt_".Length..("evt_".Length + 12)], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        DateTimeOffset.FromUnixTimeMilliseconds(millis).Should().Be(at);
    }
}
