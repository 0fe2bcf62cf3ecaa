namespace Blux.Testing;

/// <summary>
/// The one way tests wait for something the host does in the background: poll until a condition
/// holds, and fail with the reason once a real-time deadline passes (never loop without one).
/// </summary>
public static class Eventually
{
    /// <summary>How long a wait may take by default: long enough for a loaded 2-core CI machine.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<T> Async<T>(Func<Task<T>> probe, Func<T, bool> condition, string because, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var value = await probe();
            if (condition(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {(timeout ?? DefaultTimeout).TotalSeconds:0} s waiting until {because}; last value: {value}");
            }

            await Task.Delay(20);
        }
    }

    public static Task Async(Func<Task<bool>> condition, string because, TimeSpan? timeout = null) =>
        Async(condition, held => held, because, timeout);

    public static Task Async(Func<bool> condition, string because, TimeSpan? timeout = null) =>
        Async(() => Task.FromResult(condition()), held => held, because, timeout);
}
