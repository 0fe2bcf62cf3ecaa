using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Blux.IntegrationTests.Lite;

/// <summary>
/// A real HTTP server on a free port of 127.0.0.1 standing in for webhook targets. It counts what it got.
/// <list type="bullet">
/// <item><c>/ok</c> answers 200, <c>/flaky</c> 503 twice then 200, <c>/down</c> always 500, <c>/reject</c> 400.</item>
/// <item><c>/redirect?status=N&amp;to=L</c> answers N with <c>Location: L</c> (none without <c>to</c>) and a body
/// holding <see cref="RedirectMarker"/>; <c>/loop</c> redirects to itself; <c>/secret</c> answers
/// <see cref="SecretMarker"/> to any method.</item>
/// <item><c>/hold</c> answers once <see cref="HoldGate"/> is opened; <c>/answer/{kind}</c> answers awkward
/// bodies (see <see cref="Answer"/>). Answers that stream are <see cref="StreamingTarget"/>'s.</item>
/// </list>
/// </summary>
public sealed class WebhookReceiver : IAsyncLifetime
{
    public const string SecretMarker = "TOP-SECRET-7f3a";
    public const string RedirectMarker = "REDIRECT-BODY-c41e";

    private WebApplication? _app;
    private int _flaky;
    private readonly Lock _inFlightGate = new();
    private int _inFlight;
    private int _maxInFlight;

    public ConcurrentQueue<(string Path, string? IdempotencyKey, JsonNode? Body, string Method)> Received { get; } = new();

    public string BaseUrl { get; private set; } = string.Empty;

    public int Port => new Uri(BaseUrl).Port;

    /// <summary><c>/hold</c> answers once this is completed; replace it before a test that holds answers.</summary>
    public TaskCompletionSource HoldGate { get; set; } = CompletedGate();

    /// <summary>Requests to <c>/hold</c> being answered right now, and the most there were at once.</summary>
    public int InFlight
    {
        get
        {
            lock (_inFlightGate)
            {
                return _inFlight;
            }
        }
    }

    public int MaxInFlight
    {
        get
        {
            lock (_inFlightGate)
            {
                return _maxInFlight;
            }
        }
    }

    public int Count(string path) => Received.Count(r => r.Path == path);

    public static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/{behaviour}", async (string behaviour, HttpContext http) =>
        {
            await RecordAsync(http);
            return behaviour switch
            {
                "ok" => Results.Json(new { received = true }),
                "flaky" => Interlocked.Increment(ref _flaky) <= 2 ? Results.StatusCode(503) : Results.Json(new { received = true, after = _flaky }),
                "reject" => Results.StatusCode(400),
                _ => Results.StatusCode(500),
            };
        });
        _app.Map("/redirect", async (HttpContext http) =>
        {
            await RecordAsync(http);
            http.Response.StatusCode = int.Parse(http.Request.Query["status"]!, System.Globalization.CultureInfo.InvariantCulture);
            if (http.Request.Query.TryGetValue("to", out var to))
            {
                http.Response.Headers.Location = to.ToString();
            }

            if (http.Response.StatusCode is not 304)
            {
                await http.Response.WriteAsync(RedirectMarker);
            }
        });
        _app.Map("/loop", async (HttpContext http) =>
        {
            await RecordAsync(http);
            http.Response.StatusCode = 302;
            http.Response.Headers.Location = "/loop";
        });
        _app.Map("/secret", async (HttpContext http) =>
        {
            await RecordAsync(http);
            return Results.Json(new { secret = SecretMarker, method = http.Request.Method });
        });
        _app.MapPost("/hold", async (HttpContext http) =>
        {
            await RecordAsync(http);
            lock (_inFlightGate)
            {
                _maxInFlight = Math.Max(_maxInFlight, ++_inFlight);
            }

            try
            {
                await HoldGate.Task.WaitAsync(TimeSpan.FromSeconds(60));
                return Results.Json(new { held = true });
            }
            finally
            {
                lock (_inFlightGate)
                {
                    _inFlight--;
                }
            }
        });
        _app.MapPost("/answer/{kind}", async (string kind, HttpContext http) =>
        {
            await RecordAsync(http);
            var (contentType, bytes) = Answer(kind);
            http.Response.ContentType = contentType;
            await http.Response.Body.WriteAsync(bytes);
        });
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    /// <summary>Bodies a target could answer that are awkward to keep: each is either JSON Blux can store or text.</summary>
    public static (string ContentType, byte[] Body) Answer(string kind) => kind switch
    {
        "deep" => ("application/json", Encoding.UTF8.GetBytes(new string('[', 100) + new string(']', 100))),
        "lone-surrogate" => ("application/json", Encoding.UTF8.GetBytes("{\"a\":\"\\ud800\"}")),
        "huge-number" => ("application/json", Encoding.UTF8.GetBytes("{\"n\":1e400}")),
        "duplicate-keys" => ("application/json", Encoding.UTF8.GetBytes("{\"a\":1,\"a\":2}")),
        "invalid-utf8" => ("application/json", [.. "{\"a\":\""u8, 0xFF, 0xFE, .. "\"}"u8]),
        "utf8-bom" => ("application/json", [0xEF, 0xBB, 0xBF, .. "{\"bom\":true}"u8]),
        "latin1" => ("text/plain; charset=iso-8859-1", [0x63, 0x61, 0x66, 0xE9]),
        "unknown-charset" => ("application/json; charset=x-nothing", Encoding.UTF8.GetBytes("{\"ok\":1}")),
        "text" => ("text/plain", Encoding.UTF8.GetBytes("thanks")),
        "empty" => ("application/json", []),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public async Task DisposeAsync()
    {
        HoldGate.TrySetResult();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task<JsonNode?> RecordAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var text = await reader.ReadToEndAsync();
        var body = text.Length == 0 ? null : JsonNode.Parse(text);
        Received.Enqueue((http.Request.Path.Value!, http.Request.Headers["Idempotency-Key"].ToString(), body, http.Request.Method));
        return body;
    }
}
