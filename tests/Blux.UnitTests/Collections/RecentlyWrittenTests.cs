using Blux.SharedKernel.Collections;

namespace Blux.UnitTests.Collections;

public sealed class RecentlyWrittenTests
{
    private static long Size(string value) => value.Length;

    /// <summary>What one key of one character with a value of <paramref name="length"/> characters costs.</summary>
    private static long Cost(int length) => new RecentlyWritten<string>(1, long.MaxValue, Size).Also(r => r.Put("k", new string('x', length))).EstimatedBytes;

    [Fact]
    public void Beyond_its_capacity_the_keys_written_first_are_forgotten_first()
    {
        var recent = new RecentlyWritten<string>(capacity: 3, maxBytes: long.MaxValue, Size);
        foreach (var key in new[] { "a", "b", "c", "d" })
        {
            recent.Put(key, key.ToUpperInvariant());
        }

        recent.Count.Should().Be(3);
        recent.TryGet("a", out _).Should().BeFalse();
        recent.TryGet("d", out var d).Should().BeTrue();
        d.Should().Be("D");
    }

    [Fact]
    public void Writing_a_key_again_replaces_its_value_and_keeps_its_place()
    {
        var recent = new RecentlyWritten<string>(capacity: 2, maxBytes: long.MaxValue, Size);
        recent.Put("a", "1");
        recent.Put("b", "1");
        recent.Put("a", "2");

        recent.TryGet("a", out var a).Should().BeTrue();
        a.Should().Be("2");

        recent.Put("c", "1");
        recent.TryGet("a", out _).Should().BeFalse("a was written first, whatever was written to it since");
        recent.TryGet("b", out _).Should().BeTrue();
    }

    [Fact]
    public void A_forgotten_key_is_not_read_until_it_is_written_again()
    {
        var recent = new RecentlyWritten<string>(capacity: 2, maxBytes: long.MaxValue, Size);
        recent.Put("a", "1");
        recent.Forget("a");

        recent.TryGet("a", out _).Should().BeFalse();
        recent.Put("a", "2");
        recent.TryGet("a", out var a).Should().BeTrue();
        a.Should().Be("2");
    }

    [Fact]
    public void Beyond_its_bytes_the_keys_written_first_are_forgotten_first_whatever_the_count()
    {
        var recent = new RecentlyWritten<string>(capacity: 100, maxBytes: 3 * Cost(1000), Size);
        foreach (var key in new[] { "a", "b", "c", "d" })
        {
            recent.Put(key, new string('x', 1000));
        }

        recent.Count.Should().Be(3);
        recent.TryGet("a", out _).Should().BeFalse();
        recent.EstimatedBytes.Should().Be(3 * Cost(1000));

        recent.Put("b", "small");
        recent.EstimatedBytes.Should().Be((2 * Cost(1000)) + Cost(5), "a replaced value gives its bytes back");
        recent.Forget("c");
        recent.EstimatedBytes.Should().Be(Cost(1000) + Cost(5));
    }

    [Fact]
    public void A_value_larger_than_the_whole_budget_is_not_kept_and_evicts_nothing()
    {
        var recent = new RecentlyWritten<string>(capacity: 100, maxBytes: 2 * Cost(10), Size);
        recent.Put("a", new string('x', 10));
        recent.Put("a", new string('x', 10));
        recent.Put("huge", new string('x', 100_000));

        recent.TryGet("huge", out _).Should().BeFalse();
        recent.TryGet("a", out _).Should().BeTrue();
        recent.EstimatedBytes.Should().Be(Cost(10));
    }
}

internal static class RecentlyWrittenTestExtensions
{
    public static T Also<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }
}
