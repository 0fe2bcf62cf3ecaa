using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Blux.SharedKernel.Errors;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Blux.Modules.Lite.Routes;

/// <summary>
/// <c>webhook</c>: POSTs the payload's <c>body</c> as JSON to a target named in configuration (an
/// allow-list: no URL comes from the request), with retries and per-try timeouts from
/// Microsoft.Extensions.Http.Resilience. It reaches the network, so it is not sandboxed and the planner
/// never gives it a task that requires a sandbox. The task id goes along as <c>Idempotency-Key</c>, so a
/// target can tell a retried delivery from a new one.
/// </summary>
internal sealed class WebhookRoute(IHttpClientFactory clients, IOptions<WebhookOptions> options) : ITaskRoute
{
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

        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url)
        {
            Content = new StringContent((context.Payload["body"] ?? new JsonObject()).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", context.TaskId);
        request.Headers.Add("X-Blux-Task-Id", context.TaskId);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(WebhookOptions.HttpClientName).SendAsync(request, cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            throw new RouteException("WEBHOOK_TIMEOUT", $"Webhook target '{name}' did not answer in time.", transient: true);
        }
        catch (HttpRequestException exception)
        {
            throw new RouteException("WEBHOOK_UNREACHABLE", $"Webhook target '{name}' could not be reached ({exception.HttpRequestError}).", transient: true);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (text.Length > options.Value.MaxResponseChars)
            {
                text = text[..options.Value.MaxResponseChars];
            }

            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                var transient = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
                throw new RouteException(transient ? "WEBHOOK_UNAVAILABLE" : "WEBHOOK_REJECTED", $"Webhook target '{name}' answered {status}.", transient);
            }

            return new JsonObject { ["target"] = name, ["status"] = status, ["body"] = ParseOrText(text) };
        }
    }

    private static JsonNode? ParseOrText(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return text;
        }
    }
}
