using System.Text.RegularExpressions;

namespace Blux.ArchitectureTests.Docs;

/// <summary>Every decision record opens the same way: <c># NNNN. Title</c>, its number the file's, then a <c>Status:</c> line.</summary>
public static partial class AdrFormatRule
{
    [GeneratedRegex(@"\Adocs/adr/(?<number>\d{4})-[a-z0-9-]+\.md\z", RegexOptions.CultureInvariant)]
    private static partial Regex AdrPath();

    [GeneratedRegex(@"\A# (?<number>\d{4})\. \S", RegexOptions.CultureInvariant)]
    private static partial Regex Title();

    [GeneratedRegex(@"\AStatus: (Proposed|Accepted|Superseded|Deprecated)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Status();

    public static IEnumerable<string> Violations(IEnumerable<(string Path, string Text)> files)
    {
        foreach (var (path, text) in files.Where(f => f.Path.StartsWith("docs/adr/", StringComparison.Ordinal)))
        {
            if (AdrPath().Match(path) is not { Success: true } file)
            {
                yield return $"{path}: not named docs/adr/NNNN-title.md";
                continue;
            }

            var lines = text.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
            if (Title().Match(lines[0]) is not { Success: true } title || title.Groups["number"].Value != file.Groups["number"].Value)
            {
                yield return $"{path}: the first line is not \"# {file.Groups["number"].Value}. Title\"";
            }

            if (lines.Length < 3 || lines[1].Length != 0 || !Status().IsMatch(lines[2]))
            {
                yield return $"{path}: the third line is not \"Status: Accepted\" (or Proposed, Superseded, Deprecated)";
            }
        }
    }
}
