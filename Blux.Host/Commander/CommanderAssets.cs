using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace Blux.Host.Commander;

/// <summary>
/// Commander's static files, embedded in the host (logical names <c>commander/…</c>) and read once:
/// nothing is looked up on disk, so a request path can never reach outside them.
/// </summary>
internal sealed class CommanderAssets
{
    private const string Prefix = "commander/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".txt"] = "text/plain; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, Asset> _assets;

    public CommanderAssets()
    {
        var assembly = typeof(CommanderAssets).Assembly;
        _assets = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(name => name[Prefix.Length..], name => Load(assembly, name), StringComparer.Ordinal);
    }

    public sealed record Asset(byte[] Content, string ContentType, string ETag);

    /// <summary>The file at <paramref name="path"/>; a path without an extension is a page, answered by the shell.</summary>
    public Asset? Find(string? path)
    {
        path = string.IsNullOrEmpty(path) ? "index.html" : path;
        if (!Path.HasExtension(path))
        {
            path = "index.html";
        }

        return _assets.GetValueOrDefault(path);
    }

    private static Asset Load(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var content = copy.ToArray();
        var type = ContentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
        return new Asset(content, type, $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..32]}\"");
    }
}
