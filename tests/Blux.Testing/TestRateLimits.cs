namespace Blux.Testing;

/// <summary>
/// Tests drive one identity (admin) and one address far harder than a client would, so their hosts
/// raise every budget; <c>RateLimitTests</c> and <c>SecretLockoutTests</c> check the real defaults.
/// </summary>
public static class TestRateLimits
{
    private const string Ample = "1000000";

    public static IReadOnlyDictionary<string, string> Raised { get; } = new Dictionary<string, string>
    {
        ["Blux:RateLimits:Users:PerMinute"] = Ample,
        ["Blux:RateLimits:Users:PerSecond"] = Ample,
        ["Blux:RateLimits:Services:PerMinute"] = Ample,
        ["Blux:RateLimits:Services:PerSecond"] = Ample,
        ["Blux:RateLimits:Anonymous:PerMinute"] = Ample,
        ["Blux:RateLimits:Anonymous:PerSecond"] = Ample,
    };
}
