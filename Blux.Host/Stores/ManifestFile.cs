using System.Text.Json;
using Blux.SharedKernel.Json;

namespace Blux.Host.Stores;

/// <summary>Reads and writes <c>blux-manifest.json</c>; a write replaces the file whole, flushed to disk first.</summary>
internal static class ManifestFile
{
    private static readonly JsonSerializerOptions Indented = new(BluxJson.Options) { WriteIndented = true };

    public static string Serialize(StoreManifest manifest) => JsonSerializer.Serialize(manifest, Indented);

    /// <summary>The manifest in <paramref name="json"/>, or null with the reason it is not one.</summary>
    public static (StoreManifest? Manifest, string? Problem) Parse(string json)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize<StoreManifest>(json, BluxJson.Options);
            return manifest switch
            {
                null => (null, "it holds no manifest"),
                { Format: not StoreManifest.CurrentFormat } => (null, $"its format {manifest.Format} is not one this Blux reads"),
                _ => (manifest, null),
            };
        }
        catch (JsonException exception)
        {
            return (null, $"it is not a Blux manifest ({exception.Message})");
        }
    }

    /// <summary>The manifest; null with no problem when there is no file, null with the problem when it cannot be used.</summary>
    public static (StoreManifest? Manifest, string? Problem) Read(string path)
    {
        if (!File.Exists(path))
        {
            return (null, null);
        }

        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return (null, exception.Message);
        }

        return Parse(json);
    }

    public static void Write(string path, StoreManifest manifest)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(System.Text.Encoding.UTF8.GetBytes(Serialize(manifest)));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
