namespace Blux.Modules.Guard.Contracts;

/// <summary>How much of a request an audit record keeps in <c>data</c>, from least to most.</summary>
public static class AuditLevels
{
    public const string None = "none";
    public const string Basic = "basic";
    public const string Detailed = "detailed";
    public const string Verbose = "verbose";

    public static readonly IReadOnlyList<string> All = [None, Basic, Detailed, Verbose];

    public static int Rank(string level) => level switch
    {
        None => 0,
        Basic => 1,
        Detailed => 2,
        Verbose => 3,
        _ => 1,
    };

    public static string Strictest(string a, string b) => Rank(a) >= Rank(b) ? a : b;
}
