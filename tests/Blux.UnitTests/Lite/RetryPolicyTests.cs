using Blux.Modules.Lite;
using Blux.Modules.Lite.Execution;
using Microsoft.Extensions.Options;

namespace Blux.UnitTests.Lite;

public sealed class RetryPolicyTests
{
    [Theory]
    [InlineData(1, 0.0, 2.0)]
    [InlineData(2, 0.5, 4.5)]
    [InlineData(3, 0.999, 8.999)]
    public void The_default_backoff_is_two_to_the_attempt_plus_up_to_a_second(int attempt, double jitter, double seconds)
    {
        var policy = new RetryPolicy(Options.Create(new LiteOptions()), () => jitter);

        policy.DelayAfter(attempt).TotalSeconds.Should().BeApproximately(seconds, 1e-9);
    }

    [Fact]
    public void Three_tries_by_default()
    {
        var policy = new RetryPolicy(Options.Create(new LiteOptions()));

        policy.CanRetry(1).Should().BeTrue();
        policy.CanRetry(2).Should().BeTrue();
        policy.CanRetry(3).Should().BeFalse();
    }

    [Fact]
    public void The_jitter_stays_within_one_second()
    {
        var policy = new RetryPolicy(Options.Create(new LiteOptions()));

        Enumerable.Range(0, 200).Select(_ => policy.DelayAfter(1).TotalSeconds).Should().AllSatisfy(s => s.Should().BeInRange(2, 3));
    }
}
