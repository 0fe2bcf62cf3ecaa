using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Blux.Modules.Lite.Routes;

/// <summary>
/// <c>webhook</c>: POSTs the payload's <c>body</c> as JSON to a target named in configuration (an
/// allow-list: no URL comes from the request), with retries and per-try timeouts from
/// Microsoft.Extensions.Http.Resilience. It reaches the network, so it is not sandboxed and the planner
/// never gives it a task that requires a sandbox. The task id goes along as <c>Idempotency-Key</c>, so a
/// target can tell a retried delivery from a new one. Redirects are followed only where the target
/// allows them and only to its own origin (<see cref="WebhookRedirects"/>); the answer is read up to
/// <c>MaxResponseBytes</c> within the host-wide <see cref="WebhookAnswerBudget"/> (ADR 0014).
/// </summary>
internal sealed class WebhookRoute(
    IHttpClientFactory clients, IOptions<WebhookOptions> options, WebhookAnswerBudget budget, TimeProvider clock, ILogger<WebhookRoute> logger) : ITaskRoute
{
    public const string AnswerTooLarge = "WEBHOOK_ANSWER_TOO_LARGE";
    public const string BudgetExhausted = "WEBHOOK_BUDGET_EXHAUSTED";

    /// <summary>How deep a JSON answer may nest and still be kept as JSON; deeper ones are kept as text, so the result stays storable.</summary>
    private const int MaxAnswerDepth = 32;

    private const int FirstReadBufferBytes = 16 * 1024;

    public string Name => "webhook";

    public IReadOnlyList<string> TaskTypes { get; } = ["webhook"];

    public bool Sandboxed => false;

    public string Description => "POSTs payload.body to a configured, allow-listed target (payload.target names it), with retries. Not sandboxed.";

    public void Validate(JsonObject payload)
    {
        if (payload["target"] is not JsonValue value || !value.TryGetValue<string>(out var target) || target.Length == 0)
        {
            throw BluxException.Validation("payload.target", "missing_field", "payload.target must name a configured webhook target.");
        }

        if (!options.Value.Targets.ContainsKey(target))
        {
            throw BluxException.Validation("payload.target", "unknown_target", $"No webhook target '{target}' is configured.",
                new Dictionary<string, object?> { ["known_targets"] = options.Value.Targets.Keys.Order(StringComparer.Ordinal).ToArray() });
        }
    }

    public async Task<JsonNode?> ExecuteAsync(RouteContext context, CancellationToken cancellationToken)
    {
        var name = context.Payload["target"]!.GetValue<string>();
        if (!options.Value.Targets.TryGetValue(name, out var target))
        {
            throw new RouteException("UNKNOWN_TARGET", $"Webhook target '{name}' is no longer configured.");
        }

        var settings = options.Value;
        var body = Encoding.UTF8.GetBytes((context.Payload["body"] ?? new JsonObject()).ToJsonString());

        // Room for the largest answer is held before anything is sent, so a delivery that finds the
        // budget spent has not reached the target and can be tried again later without a duplicate.
        using var lease = await budget.ReserveAsync(settings.MaxResponseBytes, cancellationToken)
            ?? throw new RouteException(BudgetExhausted,
                $"No room to read webhook answers in (Blux:Lite:Webhooks:AnswerBudgetBytes) within {settings.AnswerBudgetWait.TotalSeconds:0.###} s; the delivery to '{name}' was not sent.",
                transient: true);

        var client = clients.CreateClient(WebhookOptions.HttpClientName);
        var hop = new WebhookHop(target.Url, WithBody: true);
        for (var followed = 0; ; followed++)
        {
            using var response = await SendAsync(client, hop, body, context.TaskId, name, cancellationToken);
            if (WebhookRedirects.IsRedirect(response.StatusCode))
            {
                hop = NextHop(target, hop, response, followed);
                continue;
            }

            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                // The body of a failed answer is not read: nothing of it goes in the result.
                var transient = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
                throw new RouteException(transient ? "WEBHOOK_UNAVAILABLE" : "WEBHOOK_REJECTED", $"Webhook target '{name}' answered {status}.", transient);
            }

            var answer = await ReadAnswerAsync(response.Content, lease, name, status, cancellationToken);
            return new JsonObject { ["target"] = name, ["status"] = status, ["body"] = answer };
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, WebhookHop hop, byte[] body, string taskId, string name, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(hop.Method, hop.Url);
        if (hop.WithBody)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        request.Headers.Add("Idempotency-Key", taskId);
        request.Headers.Add("X-Blux-Task-Id", taskId);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            // Headers only: the body is read afterwards, within the size cap.
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            throw new RouteException("WEBHOOK_TIMEOUT", $"Webhook target '{name}' did not answer in time.", transient: true);
        }
        catch (HttpRequestException exception)
        {
            throw new RouteException("WEBHOOK_UNREACHABLE", $"Webhook target '{name}' could not be reached ({exception.HttpRequestError}).", transient: true);
        }
    }

    private WebhookHop NextHop(WebhookTarget target, WebhookHop hop, HttpResponseMessage response, int followed)
    {
        try
        {
            return WebhookRedirects.Next(target, hop, response.StatusCode, response.Headers.Location, followed, options.Value.MaxRedirects);
        }
        catch (RouteException exception)
        {
            // The task's error says why; the operator also gets where the target tried to send Blux.
            var location = response.Headers.TryGetValues("Location", out var values) ? string.Join(", ", values) : null;
            logger.LogWarning("Webhook target {Target} answered {Status} with Location {Location}: {Refusal}",
                target.Name, (int)response.StatusCode, location is { Length: > 512 } ? location[..512] : location, exception.Code);
            throw;
        }
    }

    /// <summary>
    /// The answer's body, refused as soon as it is known to be over <c>MaxResponseBytes</c> (from
    /// Content-Length before a byte is read, else once one byte more has arrived), so a huge or endless
    /// answer is never buffered. The read has its own <c>AttemptTimeoutSeconds</c>, within the task's limit.
    /// </summary>
    private async Task<JsonNode?> ReadAnswerAsync(HttpContent content, WebhookAnswerBudget.Lease lease, string name, int status, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxResponseBytes;
        var declared = content.Headers.ContentLength;
        if (declared > max)
        {
            throw TooLarge(name, status, max, $"declared {declared} bytes");
        }

        if (declared is { } length)
        {
            lease.ShrinkTo(length);
        }

        using var attempt = new CancellationTokenSource(options.Value.AttemptTimeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attempt.Token);
        byte[] bytes;
        try
        {
            bytes = await ReadCappedAsync(content, (int)(declared ?? Math.Min(max, FirstReadBufferBytes)), max, linked.Token)
                ?? throw TooLarge(name, status, max, "sent more");
        }
        catch (OperationCanceledException) when (attempt.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new RouteException("WEBHOOK_TIMEOUT", $"Webhook target '{name}' did not finish its answer in time.", transient: true);
        }
        catch (IOException exception)
        {
            throw new RouteException("WEBHOOK_UNREACHABLE", $"Webhook target '{name}' broke off its answer ({exception.GetType().Name}).", transient: true);
        }

        lease.ShrinkTo(bytes.Length);
        return Interpret(bytes, content.Headers.ContentType?.CharSet);
    }

    /// <summary>At most <paramref name="max"/> bytes of the body, or null when it holds more.</summary>
    private static async Task<byte[]?> ReadCappedAsync(HttpContent content, int firstBuffer, int max, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[firstBuffer];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length == max)
                {
                    // Full: one byte more means the answer is over the cap.
                    return await stream.ReadAsync(new byte[1], cancellationToken) == 0 ? buffer : null;
                }

                Array.Resize(ref buffer, (int)Math.Min(Math.Max(2L * buffer.Length, FirstReadBufferBytes), max));
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return length == buffer.Length ? buffer : buffer[..length];
            }

            length += read;
        }
    }

    private static RouteException TooLarge(string name, int status, int max, string how) =>
        new(AnswerTooLarge, $"Webhook target '{name}' answered {status} with a body over {max} bytes ({how}); the delivery was made, the answer is not kept.");

    /// <summary>
    /// JSON when the answer is JSON Blux can keep and hash (not deeper than <see cref="MaxAnswerDepth"/>,
    /// no lone surrogate, no number beyond a double), else the text as it was sent, else null when empty.
    /// </summary>
    private static JsonNode? Interpret(byte[] bytes, string? charset)
    {
        if (bytes.Length == 0)
        {
            return null;
        }

        var text = Decode(bytes, charset);
        try
        {
            var node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = MaxAnswerDepth });
            _ = CanonicalJson.ToText(node);
            return node;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            return text;
        }
    }

    /// <summary>The body as text in its declared charset (UTF-8 when none or unknown; a byte order mark wins). Bytes that do not decode become U+FFFD.</summary>
    private static string Decode(byte[] bytes, string? charset)
    {
        var encoding = Encoding.UTF8;
        if (charset is not null)
        {
            try
            {
                encoding = Encoding.GetEncoding(charset.Trim('"'));
            }
            catch (ArgumentException)
            {
                // An unknown charset is read as UTF-8, as most JSON is.
            }
        }

        using var reader = new StreamReader(new MemoryStream(bytes), encoding, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
