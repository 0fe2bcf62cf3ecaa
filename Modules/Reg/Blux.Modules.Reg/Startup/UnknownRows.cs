namespace Blux.Modules.Reg.Startup;

/// <summary>How many rows hold a text Blux never writes, and the first few of them in words.</summary>
internal sealed record UnknownRows(IReadOnlyList<string> Named, int Count)
{
    public static UnknownRows operator +(UnknownRows a, UnknownRows b) => new([.. a.Named, .. b.Named], a.Count + b.Count);

    public override string ToString()
    {
        var named = Named.Take(StoredVocabulary.MaxNamedRows).ToArray();
        return string.Join("; ", named) + (Count > named.Length ? $"; and {Count - named.Length} more" : "");
    }
}
