using Blux.SharedKernel.Collections;

namespace Blux.UnitTests.Collections;

public sealed class RecentlyWrittenTests
{
    [Fact]
    public void Beyond_its_capacity_the_keys_written_first_are_forgotten_first()
    {
        var recent = new RecentlyWritten<string>(capacity: 3);
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
        var recent = new RecentlyWritten<string>(capacity: 2);
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
        var recent = new RecentlyWritten<string>(capacity: 2);
        recent.Put("a", "1");
        recent.Forget("a");

        recent.TryGet("a", out _).Should().BeFalse();
        recent.Put("a", "2");
        recent.TryGet("a", out var a).Should().BeTrue();
        a.Should().Be("2");
    }
}
