using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Blux.ArchitectureTests.Docs;

/// <summary>
/// The product contract lives in <c>docs/</c>, and code and documents point at it by file and heading
/// (<c>docs/contract.md#error-envelope</c>). A citation of a document the repository does not hold, or
/// of a heading that was renamed away, sends a reader nowhere; this rule finds both.
/// </summary>
public static partial class DocReferenceRule
{
    /// <summary>The rule and its tests name what they look for, so they are the only files exempt from it.</summary>
    private static readonly string[] SelfDescribing =
    [
        "tests/Blux.ArchitectureTests/Docs/DocReferenceRule.cs",
        "tests/Blux.ArchitectureTests/DocReferenceTests.cs",
    ];

    /// <summary>
    /// The documents outside the repository that code once cited: a product specification by section, its
    /// file, and an integration guide's sample ("the seed"). "The seed of …" is a random generator's seed.
    /// </summary>
    [GeneratedRegex(@"\bSPEC\b|SPEC\.md|INTEGRATION_GUIDE|\b[Tt]he seed\b(?! of\b)|\bseed's\b", RegexOptions.CultureInvariant)]
    private static partial Regex OutsideDocument();

    /// <summary><c>docs/….md#anchor</c> as code and scripts cite it.</summary>
    [GeneratedRegex(@"(?<![\w./-])(?<file>docs/[\w./-]+\.md)#(?<anchor>[\w-]+)", RegexOptions.CultureInvariant)]
    private static partial Regex RootedCitation();

    /// <summary>A Markdown link with a fragment: <c>[text](other.md#anchor)</c> or <c>[text](#anchor)</c>.</summary>
    [GeneratedRegex(@"\]\((?<file>[^)\s#]*)#(?<anchor>[^)\s]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"^ {0,3}(?<level>#{1,6})[ \t]+(?<text>.*?)(?:[ \t]+#+)?[ \t]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^ {0,3}(```|~~~)", RegexOptions.CultureInvariant)]
    private static partial Regex Fence();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\([^)]*\)", RegexOptions.CultureInvariant)]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"[^\p{L}\p{M}\p{N}\p{Pc} -]", RegexOptions.CultureInvariant)]
    private static partial Regex NotInSlug();

    /// <summary>The files git tracks under the root, as paths relative to it with forward slashes.</summary>
    public static IReadOnlyList<string> TrackedFiles(string root)
    {
        var start = new ProcessStartInfo("git", ["-C", root, "ls-files", "-z"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var git = Process.Start(start) ?? throw new InvalidOperationException("git could not be started.");
        var listing = git.StandardOutput.ReadToEnd();
        var errors = git.StandardError.ReadToEnd();
        git.WaitForExit();
        if (git.ExitCode != 0)
        {
            throw new InvalidOperationException($"git ls-files failed in {root}: {errors}");
        }

        return listing.Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Every line outside <c>docs/</c> that cites a document the repository does not hold, as <c>path:line: text</c>.</summary>
    public static IEnumerable<string> OutsideCitations(IEnumerable<(string Path, string Text)> files) =>
        from file in files
        where !file.Path.StartsWith("docs/", StringComparison.Ordinal) && !SelfDescribing.Contains(file.Path)
        from line in Lines(file.Text)
        where OutsideDocument().IsMatch(line.Text)
        select $"{file.Path}:{line.Number}: {line.Text.Trim()}";

    /// <summary>
    /// Every citation of a heading that does not exist: <c>docs/….md#anchor</c> in any file, and every
    /// Markdown link with a fragment in a <c>.md</c> file, resolved against the file that holds it.
    /// </summary>
    public static IEnumerable<string> BrokenAnchors(IReadOnlyList<(string Path, string Text)> files)
    {
        var anchorsByPath = files
            .Where(file => file.Path.EndsWith(".md", StringComparison.Ordinal))
            .ToDictionary(file => file.Path, file => Anchors(file.Text), StringComparer.Ordinal);

        foreach (var file in files.Where(f => !SelfDescribing.Contains(f.Path)))
        {
            foreach (var line in Lines(file.Text))
            {
                var cited = RootedCitation().Matches(line.Text).Select(m => (Target: m.Groups["file"].Value, Anchor: m.Groups["anchor"].Value));
                if (file.Path.EndsWith(".md", StringComparison.Ordinal))
                {
                    cited = cited.Concat(MarkdownLink().Matches(line.Text)
                        .Where(m => !m.Groups["file"].Value.Contains("://", StringComparison.Ordinal))
                        .Select(m => (Target: Resolve(file.Path, m.Groups["file"].Value), Anchor: m.Groups["anchor"].Value)));
                }

                foreach (var (target, anchor) in cited)
                {
                    if (!anchorsByPath.TryGetValue(target, out var anchors))
                    {
                        if (target.EndsWith(".md", StringComparison.Ordinal))
                        {
                            yield return $"{file.Path}:{line.Number}: {target}#{anchor}: no such document";
                        }
                    }
                    else if (!anchors.Contains(anchor))
                    {
                        yield return $"{file.Path}:{line.Number}: {target}#{anchor}: no such heading";
                    }
                }
            }
        }
    }

    /// <summary>The anchors GitHub gives a document's headings (fenced code skipped, repeats numbered).</summary>
    public static IReadOnlySet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var inFence = false;
        foreach (var line in Lines(markdown))
        {
            if (Fence().IsMatch(line.Text))
            {
                inFence = !inFence;
                continue;
            }

            if (inFence || Heading().Match(line.Text) is not { Success: true } heading)
            {
                continue;
            }

            var slug = Slug(heading.Groups["text"].Value);
            var unique = slug;
            for (var n = 1; !anchors.Add(unique); n++)
            {
                unique = $"{slug}-{n.ToString(CultureInfo.InvariantCulture)}";
            }
        }

        return anchors;
    }

    /// <summary>GitHub's rule: the heading's text, lower case, without punctuation but hyphens and underscores, spaces as hyphens.</summary>
    public static string Slug(string heading)
    {
        var text = InlineLink().Replace(heading, "${text}");
        return NotInSlug().Replace(text.ToLowerInvariant(), string.Empty).Replace(' ', '-');
    }

    /// <summary>A link's target as a path from the root; the linking file itself when the link is only a fragment.</summary>
    private static string Resolve(string from, string target)
    {
        if (target.Length == 0)
        {
            return from;
        }

        var parts = new List<string>(from.Split('/')[..^1]);
        foreach (var part in target.Split('/'))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part is not ("." or ""))
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }

    private static IEnumerable<(int Number, string Text)> Lines(string text) =>
        text.Split('\n').Select((line, index) => (index + 1, line.TrimEnd('\r')));
}
