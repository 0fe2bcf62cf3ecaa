using System.Text.Json.Nodes;
using Blux.Modules.Lite.Routes;

namespace Blux.UnitTests.Lite;

/// <summary>A route that only states whether it is sandboxed; planning never executes it.</summary>
internal sealed class FakeTaskRoute(string name, bool sandboxed) : ITaskRoute
{
    public string Name => name;

    public IReadOnlyList<string> TaskTypes { get; } = [name];

    public bool Sandboxed => sandboxed;

    public string Description => $"Fake {(sandboxed ? "sandboxed" : "unsandboxed")} route.";

    public Task<JsonNode?> ExecuteAsync(RouteContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Planning must not execute a route.");
}
