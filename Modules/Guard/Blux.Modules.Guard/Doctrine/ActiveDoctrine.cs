using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Blux.SharedKernel.Crypto;
using Blux.SharedKernel.Json;

namespace Blux.Modules.Guard.Doctrine;

/// <summary>The doctrine in force, swapped atomically when a new one is applied.</summary>
internal sealed class ActiveDoctrine
{
    private static readonly JsonSerializerOptions StrictOptions = CreateStrictOptions();
    private LoadedDoctrine? _current;

    public LoadedDoctrine Current => Volatile.Read(ref _current) ?? throw new InvalidOperationException("No doctrine has been loaded.");

    public bool IsLoaded => Volatile.Read(ref _current) is not null;

    public void Set(LoadedDoctrine doctrine) => Volatile.Write(ref _current, doctrine);

    /// <summary>
    /// Reads and checks a doctrine, the shipped default and stored ones as strictly as a client's:
    /// throws <see cref="JsonException"/> for bad JSON or unknown fields and
    /// <see cref="DoctrineFormatException"/> for a doctrine that does not make sense.
    /// </summary>
    public static LoadedDoctrine Parse(string json)
    {
        var node = JsonNode.Parse(json) ?? throw new DoctrineFormatException("body", "missing_body", "The doctrine is empty.");
        var document = node.Deserialize<DoctrineDocument>(StrictOptions) ?? throw new DoctrineFormatException("body", "missing_body", "The doctrine is empty.");
        DoctrineRules.Check(document);
        return new LoadedDoctrine(document, BluxHash.OfCanonical(node), ParseDuration(document.Constraints.MaxExecutionTime), node.ToJsonString(BluxJson.Options));
    }

    /// <summary>Durations as the doctrine writes them (docs/contract.md#doctrine): <c>30s</c>, <c>5m</c>, <c>1h</c>, or plain seconds.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        const string Field = "constraints.max_execution_time";
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DoctrineFormatException(Field, "invalid_duration", "max_execution_time is empty.");
        }

        var unit = text[^1];
        var number = char.IsDigit(unit) ? text : text[..^1];
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0 || !double.IsFinite(value))
        {
            throw new DoctrineFormatException(Field, "invalid_duration", $"max_execution_time '{text}' is not a duration such as '30s'.");
        }

        var seconds = unit switch
        {
            's' or >= '0' and <= '9' => value,
            'm' => value * 60,
            'h' => value * 3600,
            _ => throw new DoctrineFormatException(Field, "invalid_duration", $"max_execution_time '{text}' has an unknown unit."),
        };
        if (seconds > MaxExecutionSeconds)
        {
            throw new DoctrineFormatException(Field, "invalid_duration", $"max_execution_time may be at most {MaxExecutionSeconds / 3600} hours.");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    private const double MaxExecutionSeconds = 24 * 3600;

    private static JsonSerializerOptions CreateStrictOptions()
    {
        var options = BluxJson.Configure(new JsonSerializerOptions());
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        return options;
    }
}

internal sealed record LoadedDoctrine(DoctrineDocument Document, string Digest, TimeSpan MaxExecutionTime, string Json);
