using Microsoft.AspNetCore.Mvc.Testing;

namespace Blux.IntegrationTests.Lite;

/// <summary>Stops a host these tests started, for tests that stop one host and start another on the same data.</summary>
internal static class HostStop
{
    public static async Task StopAsync(WebApplicationFactory<Program> host) => await host.DisposeAsync();

    /// <summary>For <c>await using</c>: stops the host when the scope ends.</summary>
    public static IAsyncDisposable Owned(WebApplicationFactory<Program> host) => new Owner(host);

    private sealed class Owner(WebApplicationFactory<Program> host) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await StopAsync(host);
    }
}
