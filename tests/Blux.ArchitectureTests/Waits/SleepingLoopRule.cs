using System.Text.RegularExpressions;

namespace Blux.ArchitectureTests.Waits;

/// <summary>
/// A test waits for the host through <c>?wait</c> or <c>Eventually</c>, which fails with the reason
/// once its deadline passes. A loop that sleeps (<c>Task.Delay</c>, <c>Thread.Sleep</c>) is a wait of
/// its own, which can spin forever or end quietly without its condition: it is reported, unless the
/// loop is stopped by its owner (its condition tests <c>IsCancellationRequested</c>, or the delay
/// takes a cancellation token), as a load generator or a deliberately slow peer is.
/// </summary>
internal static partial class SleepingLoopRule
{
    /// <summary>"line: what" for every sleep in a loop of <paramref name="source"/> that is not stopped by its owner.</summary>
    public static IReadOnlyList<string> Violations(string source)
    {
        var code = CodeText.Of(source);
        var loops = Loops(code).ToList();
        var violations = new List<string>();
        foreach (Match sleep in Sleep().Matches(code))
        {
            var loop = loops.Where(l => l.BodyStart <= sleep.Index && sleep.Index < l.BodyEnd).MinBy(l => l.BodyEnd - l.BodyStart);
            if (loop is null || loop.Condition.Contains("IsCancellationRequested", StringComparison.Ordinal))
            {
                continue;
            }

            var arguments = Enclosed(code, sleep.Index + sleep.Length - 1, '(', ')');
            if (sleep.Value.StartsWith("Task", StringComparison.Ordinal) && TopLevelCommas(code, arguments.Start, arguments.End) > 0)
            {
                continue;
            }

            violations.Add($"{LineOf(code, sleep.Index)}: {sleep.Value.TrimEnd('(')} in the {loop.Keyword} loop of line {LineOf(code, loop.KeywordAt)}");
        }

        return violations;
    }

    private sealed record Loop(string Keyword, int KeywordAt, string Condition, int BodyStart, int BodyEnd);

    private static IEnumerable<Loop> Loops(string code)
    {
        foreach (Match keyword in LoopKeyword().Matches(code))
        {
            var after = SkipSpace(code, keyword.Index + keyword.Length);
            if (keyword.Value == "do")
            {
                var (start, end) = Body(code, after);
                var tail = SkipSpace(code, end);
                var condition = code.AsSpan(tail).StartsWith("while") ? Enclosed(code, SkipSpace(code, tail + "while".Length), '(', ')') : (Start: end, End: end);
                yield return new Loop("do", keyword.Index, code[condition.Start..condition.End], start, end);
                continue;
            }

            if (after >= code.Length || code[after] != '(')
            {
                continue;
            }

            var header = Enclosed(code, after, '(', ')');
            var bodyAt = SkipSpace(code, header.End + 1);
            if (bodyAt >= code.Length || code[bodyAt] == ';')
            {
                // The tail of a do-while (its loop is the do), or an empty loop that cannot sleep.
                continue;
            }

            var body = Body(code, bodyAt);
            yield return new Loop(keyword.Value, keyword.Index, code[header.Start..header.End], body.Start, body.End);
        }
    }

    /// <summary>A block from its brace to past its closing one, or one statement up to its semicolon.</summary>
    private static (int Start, int End) Body(string code, int at)
    {
        if (at < code.Length && code[at] == '{')
        {
            var block = Enclosed(code, at, '{', '}');
            return (at, block.End + 1);
        }

        var depth = 0;
        for (var i = at; i < code.Length; i++)
        {
            depth += code[i] switch { '(' or '{' or '[' => 1, ')' or '}' or ']' => -1, _ => 0 };
            if (code[i] == ';' && depth == 0)
            {
                return (at, i + 1);
            }
        }

        return (at, code.Length);
    }

    /// <summary>The text between the bracket at <paramref name="open"/> and its match (exclusive of both).</summary>
    private static (int Start, int End) Enclosed(string code, int open, char opening, char closing)
    {
        var depth = 0;
        for (var i = open; i < code.Length; i++)
        {
            if (code[i] == opening)
            {
                depth++;
            }
            else if (code[i] == closing && --depth == 0)
            {
                return (open + 1, i);
            }
        }

        return (open + 1, code.Length);
    }

    private static int TopLevelCommas(string code, int start, int end)
    {
        var (depth, commas) = (0, 0);
        for (var i = start; i < end; i++)
        {
            depth += code[i] switch { '(' or '{' or '[' => 1, ')' or '}' or ']' => -1, _ => 0 };
            commas += code[i] == ',' && depth == 0 ? 1 : 0;
        }

        return commas;
    }

    private static int SkipSpace(string code, int at)
    {
        while (at < code.Length && char.IsWhiteSpace(code[at]))
        {
            at++;
        }

        return at;
    }

    private static int LineOf(string code, int at) => code.AsSpan(0, at).Count('\n') + 1;

    [GeneratedRegex(@"\b(while|for|foreach|do)\b")]
    private static partial Regex LoopKeyword();

    [GeneratedRegex(@"\b(Task\.Delay|Thread\.Sleep)\s*\(")]
    private static partial Regex Sleep();
}
