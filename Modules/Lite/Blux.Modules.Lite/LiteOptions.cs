namespace Blux.Modules.Lite;

internal sealed class LiteOptions
{
    public int Workers { get; init; } = 4;

    public int MaxAttempts { get; init; } = 3;

    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(60);
}
