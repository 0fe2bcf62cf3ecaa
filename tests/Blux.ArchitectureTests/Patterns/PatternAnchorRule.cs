using System.Reflection;
using System.Text.RegularExpressions;

namespace Blux.ArchitectureTests.Patterns;

/// <summary>
/// A pattern that checks a whole value ends in <c>\z</c>: in .NET, <c>$</c> also matches before a
/// final line break, so <c>^[a-z]+$</c> lets <c>"evil\n"</c> through as an identifier.
/// </summary>
public static class PatternAnchorRule
{
    private const BindingFlags Everywhere = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    /// <summary>Every source-generated pattern in the types, as <c>Type.Method: pattern</c>.</summary>
    public static IEnumerable<(string Site, GeneratedRegexAttribute Pattern)> GeneratedPatterns(IEnumerable<Type> types) =>
        from type in types
        from member in type.GetMethods(Everywhere).Cast<MemberInfo>().Concat(type.GetProperties(Everywhere))
        let pattern = member.GetCustomAttribute<GeneratedRegexAttribute>()
        where pattern is not null
        select ($"{type.FullName}.{member.Name}", pattern);

    public static IEnumerable<string> Violations(IEnumerable<Type> types) =>
        from found in GeneratedPatterns(types)
        where EndsWithDollar(found.Pattern.Pattern) && !found.Pattern.Options.HasFlag(RegexOptions.Multiline)
        select $"{found.Site}: \"{found.Pattern.Pattern}\" ends in $, which also matches before a final line break; use \\z";

    /// <summary>Whether the pattern ends in an anchoring <c>$</c> (an even run of backslashes before it, so not <c>\$</c>).</summary>
    private static bool EndsWithDollar(string pattern)
    {
        if (!pattern.EndsWith('$'))
        {
            return false;
        }

        var backslashes = 0;
        for (var i = pattern.Length - 2; i >= 0 && pattern[i] == '\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 0;
    }
}
