using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Blux.SharedKernel.Events;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Blux.IntegrationTests.Reg;

/// <summary>
/// The real host on its own data directory with a fake clock in place of <see cref="TimeProvider.System"/>,
/// and a record of every event published on the bus (the real bus still signs, stores and publishes them).
/// </summary>
internal sealed class FakeClockBlux : IDisposable
{
    private readonly BluxFactory _base = new();

    public FakeClockBlux(IReadOnlyDictionary<string, string?>? settings = null, bool raiseRateLimits = true)
    {
        _base.RaiseRateLimits = raiseRateLimits;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _base.Settings[key] = value;
        }

        // Whole seconds, as JWT times are.
        Clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        Factory = _base.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            RecordEvents(services);
        }));
    }

    public FakeTimeProvider Clock { get; }

    public WebApplicationFactory<Program> Factory { get; }

    public ConcurrentQueue<BLUXEvent> Published { get; } = new();

    public string DataPath => _base.DataPath;

    public async Task<string> AdminTokenAsync(string? scope = null)
    {
        using var client = Factory.CreateClient();
        return await BluxTokens.TokenAsync(client, "admin", _base.AdminSecret, scope);
    }

    public Task<HttpClient> AdminClientAsync(string? scope = null) => Factory.CreateClient().AuthorizedAsync("admin", _base.AdminSecret, scope);

    public async Task<JsonObject> AuditRecordAsync(string auditId)
    {
        using var auditor = await AdminClientAsync();
        var response = await auditor.GetAsync($"/v1/audit/{auditId}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"audit record {auditId} should exist");
        return await response.BodyAsync();
    }

    public void Dispose()
    {
        Factory.Dispose();
        _base.Dispose();
    }

    private void RecordEvents(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IEventBus));
        services.Remove(original);
        services.AddScoped<IEventBus>(sp => new RecordingEventBus((IEventBus)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!), Published));
    }

    private sealed class RecordingEventBus(IEventBus inner, ConcurrentQueue<BLUXEvent> published) : IEventBus
    {
        public async ValueTask<IReadOnlyList<BLUXEvent>> PublishAsync(IReadOnlyList<BLUXEvent> events, CancellationToken cancellationToken)
        {
            var stored = await inner.PublishAsync(events, cancellationToken);
            foreach (var evt in stored)
            {
                published.Enqueue(evt);
            }

            return stored;
        }
    }
}
