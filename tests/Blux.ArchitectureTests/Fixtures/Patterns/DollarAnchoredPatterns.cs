using System.Text.RegularExpressions;

namespace Blux.ArchitectureTests.Fixtures.Patterns;

/// <summary>Patterns the anchor rule must report, and ones it must leave alone.</summary>
public static partial class DollarAnchoredPatterns
{
    [GeneratedRegex("^[a-z]+$")]
    public static partial Regex EndsInDollar();

    [GeneratedRegex("^[a-z]+\\z")]
    public static partial Regex EndsInZ();

    [GeneratedRegex("^price\\$")]
    public static partial Regex EndsInALiteralDollar();

    [GeneratedRegex("^[a-z]+$", RegexOptions.Multiline)]
    public static partial Regex MatchesLines();
}
