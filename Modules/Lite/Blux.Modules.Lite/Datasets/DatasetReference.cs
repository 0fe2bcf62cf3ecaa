using System.Text.RegularExpressions;

namespace Blux.Modules.Lite.Datasets;

/// <summary><c>ref://data/&lt;name&gt;</c>, the way a task names a dataset, and the names a dataset may have.</summary>
internal static partial class DatasetReference
{
    public const string Prefix = "ref://data/";

    public static string For(string name) => Prefix + name;

    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    public static bool TryParse(string? reference, out string name)
    {
        name = string.Empty;
        if (reference is null || !reference.StartsWith(Prefix, StringComparison.Ordinal) || !IsValidName(reference[Prefix.Length..]))
        {
            return false;
        }

        name = reference[Prefix.Length..];
        return true;
    }

    /// <summary>
    /// Doctrine patterns such as <c>ref://data/*</c>: <c>*</c> stands for any run of characters other
    /// than a line break. Anchored with <c>\A</c> and <c>\z</c>: <c>$</c> would also match before a final
    /// line break, and so would <c>ref://data/x\n</c> for the pattern <c>ref://data/x</c>.
    /// </summary>
    public static bool IsAllowed(string reference, IReadOnlyList<string> patterns) =>
        patterns.Any(p => Regex.IsMatch(reference, "\\A" + Regex.Escape(p).Replace("\\*", ".*", StringComparison.Ordinal) + "\\z", RegexOptions.None, TimeSpan.FromSeconds(1)));

    // Identifier patterns end in \z, never $: $ also matches before a final "\n", so "x\n" would pass.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\\z")]
    private static partial Regex NamePattern();
}
