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

    /// <summary>Checks the payload's shape before anything is decided or recorded; throws a 400 naming the field.</summary>
    void Validate(JsonObject payload)
    {
    }

    /// <summary>Why the doctrine's constraints forbid this payload (a data source not allowed, say), or null.</summary>
    string? Forbids(JsonObject payload, RouteLimits limits) => null;
}

/// <summary>One run of a task: what to do and the doctrine's limits at the time it was accepted.</summary>
internal sealed record RouteContext(string TaskId, string TaskType, JsonObject Payload, int Attempt, RouteLimits Limits);

internal sealed record RouteLimits(TimeSpan MaxExecutionTime, int MaxMemoryMb, IReadOnlyList<string> AllowedDataSources)
{
    public static readonly RouteLimits Default = new(TimeSpan.FromSeconds(30), 512, []);
}
