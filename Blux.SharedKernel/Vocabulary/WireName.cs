using System.Collections.Frozen;
using System.Text.Json;

namespace Blux.SharedKernel.Vocabulary;

/// <summary>
/// The wire name of a closed vocabulary's member: its C# name in snake_case (<c>Pending</c> →
/// <c>pending</c>, <c>TimedOut</c> → <c>timed_out</c>), the one spelling used in JSON, in the stores and
/// in audit records. Parsing is exact (ordinal, no numbers, no other casing), so a value Blux did not
/// write is refused rather than guessed.
/// </summary>
public static class WireName<TEnum>
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> Names =
        Enum.GetValues<TEnum>().ToFrozenDictionary(value => value, value => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()));

    private static readonly FrozenDictionary<string, TEnum> Values =
        Names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>Every member's wire name, in the enum's order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<TEnum>().Select(value => Names[value])];

    /// <summary>The members' wire names for a message: <c>a, b or c</c>.</summary>
    public static string Listed { get; } = All.Count == 1 ? All[0] : string.Join(", ", All.Take(All.Count - 1)) + " or " + All[^1];

    public static string Of(TEnum value) =>
        Names.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, $"{value} is not a member of {typeof(TEnum).Name}.");

    public static bool TryParse(string? text, out TEnum value)
    {
        value = default;
        return text is not null && Values.TryGetValue(text, out value);
    }

    /// <summary>The member a stored or signed value names; anything else is a fault, not a default.</summary>
    public static TEnum Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' must be {Listed}.");
}
