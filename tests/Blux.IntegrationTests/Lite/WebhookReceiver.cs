using System.Collections.Concurrent;
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
/// A real HTTP server on a free local port standing in for webhook targets: <c>/ok</c> answers 200,
/// <c>/flaky</c> 503 twice then 200, <c>/down</c> always 500, <c>/reject</c> 400. It counts what it got.
/// </summary>
public sealed class WebhookReceiver : IAsyncLifetime
{
    private WebApplication? _app;

    public ConcurrentQueue<(string Path, string? IdempotencyKey, JsonNode? Body)> Received { get; } = new();

    public string BaseUrl { get; private set; } = string.Empty;

    private int _flaky;

    public int Count(string path) => Received.Count(r => r.Path == path);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/{behaviour}", async (string behaviour, HttpContext http) =>
        {
            var body = await JsonNode.ParseAsync(http.Request.Body);
            Received.Enqueue(("/" + behaviour, http.Request.Headers["Idempotency-Key"].ToString(), body));
            return behaviour switch
            {
                "ok" => Results.Json(new { received = true }),
                "flaky" => Interlocked.Increment(ref _flaky) <= 2 ? Results.StatusCode(503) : Results.Json(new { received = true, after = _flaky }),
                "reject" => Results.StatusCode(400),
                _ => Results.StatusCode(500),
            };
        });
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
