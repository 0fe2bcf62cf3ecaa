using System.Text;
using System.Text.Json;
using Blux.Cli.Crypto;

namespace Blux.Cli.Audit;

/// <summary>
/// Turns the export Blux sends into the file bluxq keeps: the same lines in their RFC 8785 form,
/// and the keys line cut to the keys that sign a record or checkpoint of the file. Nothing is
/// added or judged here; the verifier judges.
/// </summary>
internal static class ExportWriter
{
    public static async Task<(long Records, long Checkpoints, int Keys)> RewriteAsync(string raw, string target, CancellationToken cancellationToken)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var line in Lines(raw, cancellationToken))
        {
            using var document = Parse(line);
            foreach (var part in new[] { "record", "checkpoint" })
            {
                if (document.RootElement.TryGetProperty(part, out var body) && body.ValueKind == JsonValueKind.Object
                    && body.TryGetProperty("key_id", out var keyId) && keyId.ValueKind == JsonValueKind.String)
                {
                    used.Add(keyId.GetString()!);
                }
            }
        }

        long records = 0, checkpoints = 0;
        var keys = 0;
        var temporary = target + ".part";
        await using (var output = new StreamWriter(temporary, append: false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            await foreach (var line in Lines(raw, cancellationToken))
            {
                using var document = Parse(line);
                var root = document.RootElement;
                var kind = root.TryGetProperty("kind", out var k) ? k.GetString() : null;
                if (kind == "keys")
                {
                    var kept = root.GetProperty("keys").EnumerateArray()
                        .Where(j => j.TryGetProperty("kid", out var kid) && used.Contains(kid.GetString() ?? string.Empty))
                        .Select(j => System.Text.Json.Nodes.JsonNode.Parse(j.GetRawText())).ToArray();
                    keys = kept.Length;
                    var keysLine = new System.Text.Json.Nodes.JsonObject { ["kind"] = "keys", ["keys"] = new System.Text.Json.Nodes.JsonArray(kept) };
                    using var keysDocument = JsonDocument.Parse(keysLine.ToJsonString());
                    await output.WriteLineAsync(Jcs.Text(keysDocument.RootElement));
                    continue;
                }

                records += kind == "record" ? 1 : 0;
                checkpoints += kind == "checkpoint" ? 1 : 0;
                await output.WriteLineAsync(Jcs.Text(root));
            }
        }

        File.Move(temporary, target, overwrite: true);
        return (records, checkpoints, keys);
    }

    private static JsonDocument Parse(string line)
    {
        try
        {
            return JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException exception)
        {
            throw new CliException($"Blux's export has a line that is not JSON: {exception.Message}");
        }
    }

    private static async IAsyncEnumerable<string> Lines(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var reader = new LineReader(stream);
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        while (true)
        {
            byte[]? bytes;
            try
            {
                bytes = (await reader.NextAsync(cancellationToken)).Line;
            }
            catch (InvalidDataException exception)
            {
                throw new CliException($"Blux's export has {exception.Message}.");
            }

            if (bytes is null)
            {
                yield break;
            }

            if (bytes.Length > 0)
            {
                string line;
                try
                {
                    line = strict.GetString(bytes);
                }
                catch (DecoderFallbackException)
                {
                    throw new CliException("Blux's export has a line that is not UTF-8.");
                }

                yield return line;
            }
        }
    }
}
