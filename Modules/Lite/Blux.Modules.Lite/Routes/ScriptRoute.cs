using System.Text.Json.Nodes;
using Acornima;
using Blux.SharedKernel.Errors;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Interop;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Lite.Routes;

/// <summary>
/// <c>script</c>: JavaScript in the Jint interpreter. Sandboxed: the engine is given no CLR, no host
/// objects, no modules, files or network — only <c>input</c> (the payload's JSON) and a
/// <c>console.log</c> that collects lines — and runs under the doctrine's time and memory limits and
/// Lite's statement and recursion limits. The value of the last expression is the output.
/// </summary>
internal sealed class ScriptRoute(IOptions<LiteOptions> options) : ITaskRoute
{
    public const int MaxSourceLength = 65_536;
    public const int MaxConsoleLines = 1_000;
    public const int MaxConsoleLineLength = 4_096;

    public string Name => "script";

    public IReadOnlyList<string> TaskTypes { get; } = ["script"];

    public bool Sandboxed => true;

    public string Description => "JavaScript in an interpreter sandbox (no host, file or network access) under time, memory, statement and recursion limits; result {output, console[]}.";

    public void Validate(JsonObject payload)
    {
        if (payload["language"] is not JsonValue language || !language.TryGetValue<string>(out var name))
        {
            throw BluxException.Validation("payload.language", "missing_field", "payload.language is required: \"javascript\".");
        }

        if (name != "javascript")
        {
            throw BluxException.Validation("payload.language", "unknown_value", "payload.language must be \"javascript\".");
        }

        if (payload["source"] is not JsonValue sourceValue || !sourceValue.TryGetValue<string>(out var source) || source.Length == 0)
        {
            throw BluxException.Validation("payload.source", "missing_field", "payload.source must be the script's text.");
        }

        if (source.Length > MaxSourceLength)
        {
            throw BluxException.Validation("payload.source", "too_long", $"payload.source must be at most {MaxSourceLength} characters.");
        }

        try
        {
            Engine.PrepareScript(source);
        }
        catch (ScriptPreparationException preparation) when (preparation.InnerException is ParseErrorException exception)
        {
            throw BluxException.Validation("payload.source", "syntax_error", $"The script does not parse: {exception.Description} (line {exception.LineNumber}, column {exception.Column}).",
                new Dictionary<string, object?> { ["line"] = exception.LineNumber, ["column"] = exception.Column });
        }
        catch (ScriptPreparationException preparation) when (preparation.InnerException is InsufficientExecutionStackException)
        {
            // The parser checks its stack before each nested expression and gives up before it overflows.
            throw BluxException.Validation("payload.source", "too_deeply_nested", "The script nests expressions or blocks too deeply to be parsed.");
        }
    }

    public Task<JsonNode?> ExecuteAsync(RouteContext context, CancellationToken cancellationToken)
    {
        var source = context.Payload["source"]!.GetValue<string>();
        var input = context.Payload["input"]?.ToJsonString() ?? "null";
        var limits = context.Limits;
        var settings = options.Value;

        // The interpreter runs synchronously; a thread of its own keeps the caller free and lets the
        // memory limit count this script's allocations alone.
        return Task.Factory.StartNew(
            () => Run(source, input, limits, settings, cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    private static JsonNode? Run(string source, string input, RouteLimits limits, LiteOptions settings, CancellationToken cancellationToken)
    {
        var console = new List<string>();
        using var engine = new Engine(o => o
            .Strict()
            .LimitMemory(Math.Max(1, limits.MaxMemoryMb) * 1024L * 1024L)
            .MaxStatements(settings.MaxScriptStatements)
            .LimitRecursion(settings.MaxScriptRecursion)
            .CancellationToken(cancellationToken));
        engine.SetValue("input", new Jint.Native.Json.JsonParser(engine).Parse(input));
        var consoleObject = new JsObject(engine);
        consoleObject.Set("log", new ClrFunction(engine, "log", (_, arguments) =>
        {
            if (console.Count < MaxConsoleLines)
            {
                var line = string.Join(' ', arguments.Select(a => a.IsString() ? a.AsString() : a.ToString()));
                console.Add(line.Length > MaxConsoleLineLength ? line[..MaxConsoleLineLength] : line);
            }

            return JsValue.Undefined;
        }));
        engine.SetValue("console", consoleObject);

        JsValue json;
        try
        {
            json = new Jint.Native.Json.JsonSerializer(engine).Serialize(engine.Evaluate(source));
        }
        catch (ExecutionCanceledException)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (MemoryLimitExceededException)
        {
            throw new RouteException("MEMORY_LIMIT", $"The script went over the memory limit of {limits.MaxMemoryMb} MB.");
        }
        catch (StatementsCountOverflowException)
        {
            throw new RouteException("STATEMENT_LIMIT", $"The script ran more than {settings.MaxScriptStatements} statements.");
        }
        catch (RecursionDepthOverflowException)
        {
            throw new RouteException("RECURSION_LIMIT", $"The script's calls nested deeper than {settings.MaxScriptRecursion}.");
        }
        catch (JavaScriptException exception)
        {
            throw new RouteException("SCRIPT_ERROR", $"The script threw: {exception.Message} (line {exception.Location.Start.Line}).");
        }

        return new JsonObject
        {
            ["output"] = json.IsString() ? JsonNode.Parse(json.AsString()) : null,
            ["console"] = new JsonArray(console.Select(l => (JsonNode)l!).ToArray()),
        };
    }
}
