using System.Text.Json.Nodes;

namespace Blux.Modules.Lite.Routes;

/// <summary>A way to execute tasks of some types. Sandboxed routes have no host, file or network reach.</summary>
internal interface ITaskRoute
{
    string Name { get; }

    IReadOnlyList<string> TaskTypes { get; }

    bool Sandboxed { get; }

    string Description { get; }

    /// <summary>
    /// Runs the task. <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/>
    /// fired; <see cref="TimeoutException"/> when the route itself found the time limit over (a wait
    /// no cancellation reaches); <see cref="RouteException"/> for a failure with a code of its own.
    /// </summary>
    Task<JsonNode?> ExecuteAsync(RouteContext context, CancellationToken cancellationToken);

    /// <summary>Checks the payload's shape before anything is decided or recorded; throws a 400 naming the field.</summary>
    void Validate(JsonObject payload)
    {
    }

    /// <summary>
    /// Whether a task that was running on this route when the process died is run again on restart.
    /// A route that runs a client's code in the process says no: that code may be what killed it.
    /// </summary>
    bool RunsAgainAfterCrash => true;

    /// <summary>Why the doctrine's constraints forbid this payload (a data source not allowed, say), or null.</summary>
    string? Forbids(JsonObject payload, RouteLimits limits) => null;
}

/// <summary>One run of a task: what to do and the doctrine's limits at the time it was accepted.</summary>
internal sealed record RouteContext(string TaskId, string TaskType, JsonObject Payload, int Attempt, RouteLimits Limits);

internal sealed record RouteLimits(TimeSpan MaxExecutionTime, int MaxMemoryMb, IReadOnlyList<string> AllowedDataSources)
{
    public static readonly RouteLimits Default = new(TimeSpan.FromSeconds(30), 512, []);
}
