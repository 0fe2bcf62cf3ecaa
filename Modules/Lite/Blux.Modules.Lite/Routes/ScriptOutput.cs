using System.Text;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace Blux.Modules.Lite.Routes;

/// <summary>
/// A script's last value as the task's <c>output</c>: written by Jint's own JSON serializer, so it is
/// what <c>JSON.stringify</c> gives (toJSON, wrapper objects, undefined and functions left out), with a
/// replacer that checks, value by value while the document is written, that it can be stored: at most
/// <see cref="MaxDepth"/> levels, about <c>Blux:Lite:MaxScriptOutputBytes</c> bytes, and no lone
/// surrogate in a string or a key. A value that is not fails the task with a code; nothing unstorable
/// ever reaches the task row or the audit record.
/// </summary>
internal sealed class ScriptOutput
{
    /// <summary>
    /// Levels of arrays and objects. The output is stored nested four levels deep in the execution record
    /// (pending change → audit entry → data → result), and every JSON reader and writer here stops at 64.
    /// </summary>
    public const int MaxDepth = 32;

    private readonly Dictionary<ObjectInstance, int> _depths = new(ReferenceEqualityComparer.Instance);
    private readonly long _maxBytes;
    private readonly CancellationToken _cancellationToken;
    private long _bytes;

    private ScriptOutput(long maxBytes, CancellationToken cancellationToken)
    {
        _maxBytes = maxBytes;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Runs on the script's thread, as the engine is still in use (toJSON and getters are script).</summary>
    /// <exception cref="RouteException">OUTPUT_TOO_DEEP, OUTPUT_TOO_LARGE or OUTPUT_NOT_JSON.</exception>
    public static JsonNode? ToJson(Engine engine, JsValue value, long maxBytes, CancellationToken cancellationToken)
    {
        var output = new ScriptOutput(maxBytes, cancellationToken);
        var replacer = new ClrFunction(engine, "storable", output.Check);
        JsValue document;
        try
        {
            document = new Jint.Native.Json.JsonSerializer(engine).Serialize(value, replacer, JsValue.Undefined);
        }
        catch (JavaScriptException exception) when (exception.Message == "Invalid string length")
        {
            // Jint refuses a document it can already tell is longer than a string may be (a huge sparse array).
            throw TooLarge(maxBytes);
        }
        catch (JavaScriptException exception) when (!ScriptRoute.IsStackExhausted(exception))
        {
            // A cycle, a BigInt, a toJSON or getter that threw.
            throw new RouteException("OUTPUT_NOT_JSON", $"The script's output cannot be written as JSON: {ScriptText.Readable(exception.Message, ScriptRoute.MaxMessageLength)}.");
        }

        return document is JsString text ? JsonNode.Parse(text.ToString()) : null;
    }

    private JsValue Check(JsValue holder, JsValue[] arguments)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var key = arguments.At(0);
        var value = arguments.At(1);
        if (key.IsString())
        {
            var name = key.AsString();
            Charge(name.Length + 3L, name);
            if (ScriptText.IndexOfLoneSurrogate(name) >= 0)
            {
                throw NotText("a key");
            }
        }

        if (value.IsString())
        {
            var text = value.AsString();
            Charge(text.Length + 2L, text);
            if (ScriptText.IndexOfLoneSurrogate(text) >= 0)
            {
                throw NotText("a string");
            }
        }
        else if (value is ObjectInstance obj && !value.IsCallable())
        {
            var depth = (holder is ObjectInstance parent && _depths.TryGetValue(parent, out var above) ? above : 0) + 1;
            if (depth > MaxDepth)
            {
                throw new RouteException("OUTPUT_TOO_DEEP", $"The script's output nests arrays and objects deeper than {MaxDepth} levels.");
            }

            _depths[obj] = depth;
            Charge(2, null);
        }
        else
        {
            Charge(value.IsNumber() ? 24 : 5, null);
        }

        return value;
    }

    /// <summary>Counts what a value adds to the document; a string longer than what is left is refused before it is measured.</summary>
    private void Charge(long characters, string? text)
    {
        var bytes = text is not null && characters <= _maxBytes - _bytes ? Encoding.UTF8.GetByteCount(text) + (characters - text.Length) : characters;
        _bytes += bytes;
        if (_bytes > _maxBytes)
        {
            throw TooLarge(_maxBytes);
        }
    }

    private static RouteException TooLarge(long maxBytes) =>
        new("OUTPUT_TOO_LARGE", $"The script's output is larger than {maxBytes} bytes as JSON.");

    private static RouteException NotText(string what) =>
        new("OUTPUT_NOT_JSON", $"The script's output holds {what} with a lone surrogate (half of a UTF-16 pair), which JSON text cannot carry.");
}
