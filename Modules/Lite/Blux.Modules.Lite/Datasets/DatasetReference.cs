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

    /// <summary>Doctrine patterns such as <c>ref://data/*</c>: <c>*</c> stands for any run of characters.</summary>
    public static bool IsAllowed(string reference, IReadOnlyList<string> patterns) =>
        patterns.Any(p => Regex.IsMatch(reference, "^" + Regex.Escape(p).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.None, TimeSpan.FromSeconds(1)));

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex NamePattern();
}
