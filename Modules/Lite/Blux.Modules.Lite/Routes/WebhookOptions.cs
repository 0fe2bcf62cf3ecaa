namespace Blux.Modules.Lite.Routes;

internal sealed class WebhookOptions
{
    public const string HttpClientName = "blux-webhooks";

    public IReadOnlyDictionary<string, WebhookTarget> Targets { get; init; } = new Dictionary<string, WebhookTarget>(StringComparer.Ordinal);

    /// <summary>Retries of one delivery inside one attempt of the task (the task itself is retried after that).</summary>
    public int Retries { get; init; } = 2;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How much of a response body is kept in the result.</summary>
    public int MaxResponseChars { get; init; } = 65_536;
}
