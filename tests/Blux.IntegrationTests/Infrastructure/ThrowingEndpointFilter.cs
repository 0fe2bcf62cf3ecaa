using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Blux.IntegrationTests.Infrastructure;

/// <summary>
/// Appends, after Blux's own pipeline, a terminal handler that fails with internals in its message
/// on one path, so the test can check that nothing of it reaches the client.
/// </summary>
internal sealed class ThrowingEndpointFilter : IStartupFilter
{
    public const string Path = "/test/unhandled";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Run(context => context.Request.Path == Path
            ? throw new InvalidOperationException("SELECT secret FROM identities; at Blux.Modules.Reg.Internal.Thing")
            : Task.CompletedTask);
    };
}
