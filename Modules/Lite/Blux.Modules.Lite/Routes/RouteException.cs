namespace Blux.Modules.Lite.Routes;

/// <summary>
/// A route's own failure, with a code and a message meant for the client. A transient one (a target
/// that was down, a busy resource) is retried with backoff; any other fails the task.
/// </summary>
internal sealed class RouteException(string code, string message, bool transient = false) : Exception(message)
{
    public string Code { get; } = code;

    public bool Transient { get; } = transient;
}
