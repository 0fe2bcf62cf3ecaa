using Blux.SharedKernel.Api;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Microsoft.Extensions.Options;

namespace Blux.UnitTests.Api;

public sealed class StreamSlotsTests
{
    private static readonly Caller Alice = new("alice", "user", [], [], null);
    private static readonly Caller Ingest = new("ingest", "service", [], [], null);

    [Fact]
    public void An_identity_gets_its_limit_and_no_more_and_a_slot_given_back_is_free_again()
    {
        var slots = new StreamSlots(Options.Create(new StreamOptions { MaxPerIdentity = 2 }));
        var first = slots.Take(Alice);
        using var second = slots.Take(Alice);

        var refused = FluentActions.Invoking(() => slots.Take(Alice)).Should().Throw<BluxException>().Which;
        refused.Code.Should().Be(ErrorCodes.RateLimitExceeded);
        refused.Details["issue"].Should().Be("too_many_streams");
        using var theirs = slots.Take(Ingest);

        first.Dispose();
        first.Dispose();
        slots.OpenBy("user:alice").Should().Be(1, "a slot is given back once, however often it is disposed");
        using var again = slots.Take(Alice);
        slots.OpenBy("user:alice").Should().Be(2);
    }

    [Fact]
    public async Task Many_streams_opening_and_closing_at_once_never_pass_the_limit_and_leave_nothing_behind()
    {
        const int limit = 4;
        var slots = new StreamSlots(Options.Create(new StreamOptions { MaxPerIdentity = limit }));
        var highest = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                try
                {
                    using var slot = slots.Take(Alice);
                    var open = slots.OpenBy("user:alice");
                    InterlockedMax(ref highest, open);
                }
                catch (BluxException)
                {
                    // The limit was reached: this stream is refused, and takes no slot.
                }
            }
        })));

        highest.Should().BeInRange(1, limit);
        slots.OpenBy("user:alice").Should().Be(0);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }
}
