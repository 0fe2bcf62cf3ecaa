using System.Text.Json.Nodes;

namespace Blux.Modules.Lite.Routes;

/// <summary>Returns the payload as it came: the smallest real route, for checking the whole flow.</summary>
internal sealed class EchoRoute : ITaskRoute
{
    public string Name => "echo";

    public IReadOnlyList<string> TaskTypes { get; } = ["echo", "test"];

    public bool Sandboxed => true;

    public string Description => "Returns the payload unchanged.";

    public Task<JsonNode?> ExecuteAsync(RouteContext context, CancellationToken cancellationToken) =>
        Task.FromResult<JsonNode?>(new JsonObject { ["echo"] = context.Payload.DeepClone() });
}
