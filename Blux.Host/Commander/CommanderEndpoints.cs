using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Blux.Host.Health;
using Blux.Host.Metrics;
using Blux.SharedKernel;
using Blux.SharedKernel.Api;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Identity;
using Blux.SharedKernel.Json;
using Blux.SharedKernel.Modules;
using Microsoft.Extensions.Options;

namespace Blux.Host.Commander;

/// <summary>Commander's own endpoints: its files, its session, its live feed, and <c>/</c>.</summary>
internal static class CommanderEndpoints
{
    /// <summary>No inline script or style, nothing from another origin, never framed.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly string[] FinishedEvents = ["TaskCompleted", "TaskFailed"];
    private static readonly string[] TaskEvents = ["TaskStart", "RouteDecision", "TaskCompleted", "TaskFailed", "ApprovalRequested"];

    public static void MapCommander(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpRequest request) =>
                request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
                    ? Results.Redirect("/commander")
                    : Results.Ok(new
                    {
                        name = "Blux",
                        links = new Dictionary<string, string>
                        {
                            ["commander"] = "/commander",
                            ["openapi"] = "/openapi/v1.json",
                            ["swagger"] = "/swagger",
                            ["health"] = "/health",
                            ["ready"] = "/ready",
                            ["jwks"] = "/.well-known/jwks.json",
                            ["status"] = "/v1/status",
                        },
                    }))
            .AllowAnonymous()
            .ExcludeFromDescription();

        app.MapGet("/commander/session", (HttpContext http) =>
                http.Items[CommanderSessionMiddleware.SessionItem] is CommanderSession session
                    ? Results.Ok(CommanderSessionView.Of(session))
                    : Results.NoContent())
            .AllowAnonymous()
            .ExcludeFromDescription();

        app.MapPost("/commander/session/end", (HttpContext http, CommanderSessions sessions) =>
            {
                sessions.Close(http.Items[CommanderSessionMiddleware.SessionIdItem] as string);
                http.Response.Cookies.Delete(CommanderSessions.CookieName, new CookieOptions { Path = "/", HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Strict });
                return Results.NoContent();
            })
            .RequireAuthorization()
            .ExcludeFromDescription();

        app.MapGet("/commander/live", LiveAsync)
            .RequireAuthorization(Scopes.Policy(Scopes.TasksRead))
            .ExcludeFromDescription();

        app.MapGet("/commander", ServeAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/commander/{**path}", ServeAsync).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task ServeAsync(HttpContext http, CommanderAssets assets, string? path = null)
    {
        var asset = assets.Find(path) ?? throw BluxException.NotFound("commander_file", path ?? string.Empty);
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        if (http.Request.Headers.IfNoneMatch.ToString() == asset.ETag)
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        http.Response.ContentType = asset.ContentType;
        http.Response.ContentLength = asset.Content.Length;
        await http.Response.Body.WriteAsync(asset.Content, http.RequestAborted);
    }

    /// <summary>
    /// Server-Sent Events: every <see cref="CommanderOptions.LiveIntervalMs"/>, module health, Lite's queue,
    /// tasks finished per second and a count of task events, from memory only (no store is read).
    /// </summary>
    private static Task LiveAsync(
        HttpContext http, IEnumerable<IModuleStatusProvider> modules, StoreProbes stores, EventTotals metrics,
        IOptions<CommanderOptions> options, TimeProvider clock, CancellationToken cancellationToken) =>
        ServerSentEvents.WriteAsync(http, LiveFrames(modules, stores, metrics, TimeSpan.FromMilliseconds(options.Value.LiveIntervalMs), clock), cancellationToken);

    private static async IAsyncEnumerable<string> LiveFrames(
        IEnumerable<IModuleStatusProvider> modules, StoreProbes stores, EventTotals metrics, TimeSpan interval, TimeProvider clock,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var finished = metrics.Total(FinishedEvents);
        var measuredAt = clock.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested)
        {
            var statuses = await StatusEndpoints.CollectAsync(modules, stores, cancellationToken);
            var now = metrics.Total(FinishedEvents);
            var elapsed = clock.GetElapsedTime(measuredAt).TotalSeconds;
            var lite = statuses.FirstOrDefault(s => s.Name == "blux-lite");
            var frame = new JsonObject
            {
                ["timestamp"] = BluxTime.ToText(clock.GetUtcNow()),
                ["status"] = StatusEndpoints.Overall(statuses),
                ["modules"] = new JsonObject(statuses.Select(s => KeyValuePair.Create(s.Name, (JsonNode?)s.Status))),
                ["queue_size"] = Number(lite, "queue_size"),
                ["active_tasks"] = Number(lite, "active_tasks"),
                ["tasks_finished"] = now,
                ["tasks_per_second"] = elapsed > 0 ? Math.Round((now - finished) / elapsed, 2) : 0,
                ["task_events"] = metrics.Total(TaskEvents),
            };
            finished = now;
            measuredAt = clock.GetTimestamp();
            yield return $"event: status\ndata: {frame.ToJsonString()}\n\n";
            await Task.Delay(interval, clock, cancellationToken);
        }
    }

    private static long Number(ModuleStatus? status, string key) =>
        status?.Details.TryGetValue(key, out var value) == true && value is not null ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
}
