using System.Text.Json.Nodes;

namespace Blux.Modules.Lite.Routes;

/// <summary>A way to execute tasks of some types. Sandboxed routes have no host, file or network reach.</summary>
internal interface ITaskRoute
{
    string Name { get; }

    IReadOnlyList<string> TaskTypes { get; }

    bool Sandboxed { get; }

    string Description { get; }

    Task<JsonNode?> ExecuteAsync(RouteContext context, CancellationToken cancellationToken);
}

internal sealed record RouteContext(string TaskId, string TaskType, JsonObject Payload, int Attempt);
