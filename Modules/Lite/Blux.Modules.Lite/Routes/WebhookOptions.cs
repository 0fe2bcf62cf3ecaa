namespace Blux.Modules.Lite.Routes;

/// <summary>The <c>Blux:Lite:Webhooks</c> settings, checked by <see cref="WebhookSettings"/> before Blux starts.</summary>
internal sealed class WebhookOptions
{
    public const string HttpClientName = "blux-webhooks";

    public IReadOnlyDictionary<string, WebhookTarget> Targets { get; init; } = new Dictionary<string, WebhookTarget>(StringComparer.Ordinal);

    /// <summary>Retries of one delivery inside one attempt of the task (the task itself is retried after that); 0 sends once.</summary>
    public int Retries { get; init; } = 2;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long one try may take, from sending until its whole answer is read.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest answer body kept; a larger one is refused while it is read, never buffered whole.</summary>
    public int MaxResponseBytes { get; init; } = 65_536;

    /// <summary>Bytes all deliveries in flight may hold for their answers together; each holds <see cref="MaxResponseBytes"/> until its answer's size is known.</summary>
    public long AnswerBudgetBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>How long a delivery waits for room in the answer budget before it fails without being sent.</summary>
    public TimeSpan AnswerBudgetWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Redirects followed for one delivery, for targets that allow them (always to the target's own origin).</summary>
    public int MaxRedirects { get; init; } = 3;
}
