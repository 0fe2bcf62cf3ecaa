using System.Text;
using System.Text.Json.Nodes;
using System.Runtime.ExceptionServices;
using System.Text.RegularExpressions;
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
/// objects, no modules, files or network, no shared memory, Atomics or ShadowRealm — only <c>input</c> (the
/// payload's JSON) and a <c>console.log</c> that collects lines — and runs on a thread of its own with a
/// known stack, under the doctrine's time and memory limits (the memory reserved from the host-wide
/// <see cref="ScriptMemoryBudget"/> first) and Lite's statement and recursion limits. The value of the
/// last expression is the output (see ADR 0012).
/// </summary>
internal sealed class ScriptRoute(IOptions<LiteOptions> options, ScriptMemoryBudget budget, TimeProvider clock) : ITaskRoute
{
    public const int MaxSourceLength = 65_536;
    public const int MaxConsoleLines = 1_000;
    public const int MaxConsoleLineLength = 4_096;

    /// <summary>The most of a script's error message that is kept.</summary>
    public const int MaxMessageLength = 1_024;

    /// <summary>
    /// The script thread's stack. The engine's guard stops a script before it is used up, so this bounds
    /// how deep a script may nest (a few thousand levels), not whether the host survives it.
    /// </summary>
    public const int StackBytes = 4 * 1024 * 1024;

    public string Name => "script";

    public IReadOnlyList<string> TaskTypes { get; } = ["script"];

    public bool Sandboxed => true;

    /// <summary>A script that was running when the process died may be what killed it.</summary>
    public bool RunsAgainAfterCrash => false;

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

        var failure = Prepare(source);
        if (failure is ScriptPreparationException { InnerException: ParseErrorException exception })
        {
            throw BluxException.Validation("payload.source", "syntax_error", $"The script does not parse: {exception.Description} (line {exception.LineNumber}, column {exception.Column}).",
                new Dictionary<string, object?> { ["line"] = exception.LineNumber, ["column"] = exception.Column });
        }

        if (failure is InsufficientExecutionStackException or ScriptPreparationException { InnerException: InsufficientExecutionStackException })
        {
            // The parser checks its stack before each nested expression and gives up before it overflows.
            throw BluxException.Validation("payload.source", "too_deeply_nested", "The script nests expressions or blocks too deeply to be parsed.");
        }

        if (failure is ScriptPreparationException other)
        {
            // The engine cannot take this text, for a reason of its own: the script is refused, not the host's fault.
            throw BluxException.Validation("payload.source", "syntax_error", $"The script cannot be prepared: {other.InnerException?.Message ?? other.Message}");
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>
    /// Parses the script as it will run (strict mode) on a thread of its own with the script thread's
    /// stack, so whether a script is accepted does not depend on how much of the caller's stack is
    /// already used, and a script accepted here parses when it runs. Answers the failure, or null.
    /// </summary>
    private static Exception? Prepare(string source)
    {
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    Engine.PrepareScript(source, strict: true);
                }
                catch (Exception exception)
                {
                    failure = exception;
                }
            },
            StackBytes)
        {
            IsBackground = true,
            Name = "blux-script-parse",
        };
        thread.Start();
        thread.Join();
        return failure;
    }

    public async Task<JsonNode?> ExecuteAsync(RouteContext context, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var source = context.Payload["source"]!.GetValue<string>();
        var input = context.Payload["input"]?.ToJsonString() ?? "null";
        var settings = options.Value;
        using var memory = await budget.ReserveAsync(budget.Grant(context.Limits.MaxMemoryMb), cancellationToken);
        var run = new ScriptRun(source, input, memory.Megabytes, Remaining(context.Limits.MaxExecutionTime, started), settings);

        // The interpreter runs synchronously, on a thread of its own: the caller stays free, the memory
        // limit counts this script's allocations alone, and the stack the engine's guard measures against
        // is one whose size is known here rather than whatever a pool thread happens to have.
        var completion = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(
            () =>
            {
                try
                {
                    completion.SetResult(Run(run, cancellationToken));
                }
                catch (Exception exception)
                {
                    completion.SetException(exception);
                }
            },
            StackBytes)
        {
            IsBackground = true,
            Name = "blux-script",
        };
        thread.Start();
        return await completion.Task;
    }

    /// <summary>True for the RangeError Jint's stack guard throws when the thread's stack is nearly used up.</summary>
    internal static bool IsStackExhausted(JavaScriptException exception) => exception.Message == "Maximum call stack size exceeded";

    /// <summary>
    /// What is left of the time limit for a regular expression's single match, which no cancellation
    /// reaches: at least a millisecond, since Jint reads zero as no limit at all.
    /// </summary>
    private TimeSpan Remaining(TimeSpan limit, long started)
    {
        var left = limit - clock.GetElapsedTime(started);
        return left > TimeSpan.FromMilliseconds(1) ? left : TimeSpan.FromMilliseconds(1);
    }

    private static JsonNode? Run(ScriptRun run, CancellationToken cancellationToken)
    {
        var console = new List<string>();
        using var engine = new Engine(o =>
        {
            o.Strict()
                .LimitMemory(run.MemoryMb * 1024L * 1024L)
                .MaxStatements(run.Settings.MaxScriptStatements)
                .LimitRecursion(run.Settings.MaxScriptRecursion)
                .RegexTimeoutInterval(run.RegexTimeout)
                .CancellationToken(cancellationToken);

            // Every native recursion (array to string, JSON, Proxy and bind chains, getters, coercions)
            // probes the stack and throws a catchable RangeError near its end, instead of the stack
            // overflow that ends the process.
            o.Constraints.StackOverflowGuard = true;
            o.Modules.ModuleLoader = RefusingModuleLoader.Instance;
        });

        // Atomics.wait blocks the thread where no cancellation reaches it; without shared memory and
        // Atomics a script has nothing to wait on but its own statements, which the limits cover. A
        // ShadowRealm would bring a second set of built-ins, unguarded (bind below).
        engine.Global.RemoveOwnProperty("Atomics");
        engine.Global.RemoveOwnProperty("SharedArrayBuffer");
        engine.Global.RemoveOwnProperty("ShadowRealm");
        ScriptBindGuard.Install(engine, run.Settings.MaxScriptRecursion);
        engine.SetValue("input", new Jint.Native.Json.JsonParser(engine).Parse(run.Input));
        var consoleObject = new JsObject(engine);
        consoleObject.Set("log", new ClrFunction(engine, "log", (_, arguments) =>
        {
            if (console.Count < MaxConsoleLines)
            {
                console.Add(ConsoleLine(arguments));
            }

            return JsValue.Undefined;
        }));
        engine.SetValue("console", consoleObject);

        JsonNode? output;
        try
        {
            var value = engine.Evaluate(run.Source);
            output = ScriptOutput.ToJson(engine, value.IsPromise() ? value.UnwrapIfPromise(cancellationToken) : value, run.Settings.MaxScriptOutputBytes, cancellationToken);
        }
        catch (ExecutionCanceledException)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (RegexMatchTimeoutException)
        {
            // A single match ran to the end of the time limit: the script timed out like any other.
            throw new TimeoutException("A regular expression ran to the end of the script's time limit.");
        }
        catch (Exception exception) when (exception is MemoryLimitExceededException or OutOfMemoryException or InsufficientMemoryException)
        {
            throw new RouteException("MEMORY_LIMIT", $"The script went over the memory limit of {run.MemoryMb} MB.");
        }
        catch (StatementsCountOverflowException)
        {
            throw new RouteException("STATEMENT_LIMIT", $"The script ran more than {run.Settings.MaxScriptStatements} statements.");
        }
        catch (RecursionDepthOverflowException)
        {
            throw new RouteException("RECURSION_LIMIT", $"The script's calls nested deeper than {run.Settings.MaxScriptRecursion}.");
        }
        catch (Exception exception) when (exception is InsufficientExecutionStackException || (exception is JavaScriptException js && IsStackExhausted(js)))
        {
            // Values nested too deep for the interpreter to walk (arrays in arrays, Proxy or bind chains)
            // or code nested too deep to parse (eval, new Function).
            throw new RouteException("STACK_LIMIT", "The script nested values, calls or code deeper than the interpreter's stack allows.");
        }
        catch (JavaScriptException exception)
        {
            throw new RouteException("SCRIPT_ERROR", $"The script threw: {ScriptText.Readable(exception.Message, MaxMessageLength)} (line {exception.Location.Start.Line}).");
        }
        catch (PromiseRejectedException exception)
        {
            throw new RouteException("SCRIPT_ERROR", $"The script's promise was rejected: {ScriptText.Readable(exception.RejectedValue.ToString(), MaxMessageLength)}.");
        }
        catch (ScriptPreparationException exception)
        {
            // Code the script built at run time (eval, new Function) that Jint refuses to prepare.
            throw new RouteException("SCRIPT_ERROR", $"The script's code could not be prepared: {ScriptText.Readable(exception.Message, MaxMessageLength)}.");
        }

        return new JsonObject
        {
            ["output"] = output,
            ["console"] = new JsonArray(console.Select(l => (JsonNode)l!).ToArray()),
        };
    }

    /// <summary>
    /// The arguments of one <c>console.log</c> as a line, built no longer than a line is kept: a script
    /// logging a string of a billion characters costs a line, not a copy of it.
    /// </summary>
    private static string ConsoleLine(JsValue[] arguments)
    {
        var line = new StringBuilder();
        foreach (var argument in arguments)
        {
            if (line.Length > MaxConsoleLineLength)
            {
                break;
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            var text = argument.IsString() ? argument.AsString() : argument.ToString();
            line.Append(text, 0, Math.Min(text.Length, MaxConsoleLineLength + 1 - line.Length));
        }

        return ScriptText.Readable(line.ToString(), MaxConsoleLineLength);
    }

    /// <summary>One run's inputs, fixed before its thread starts.</summary>
    private sealed record ScriptRun(string Source, string Input, long MemoryMb, TimeSpan RegexTimeout, LiteOptions Settings);
}
