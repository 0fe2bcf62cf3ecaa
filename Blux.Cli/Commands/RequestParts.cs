using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Blux.Cli.Commands;

/// <summary>What commands put in a request: a query string, a JSON object read from a file.</summary>
internal static class RequestParts
{
    /// <summary>A file larger than Blux's default body limit is refused before it is sent.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>The query string of the parameters that have a value (numbers in invariant form), or nothing.</summary>
    public static string Query(params (string Name, object? Value)[] parameters)
    {
        var present = parameters.Where(p => p.Value is not null)
            .Select(p => $"{p.Name}={Uri.EscapeDataString(Convert.ToString(p.Value, CultureInfo.InvariantCulture)!)}").ToList();
        return present.Count == 0 ? string.Empty : "?" + string.Join('&', present);
    }

    /// <summary>The file's bytes, when it exists and Blux would take its size.</summary>
    public static Task<byte[]> ReadBytesAsync(FileInfo file, string what, CancellationToken cancellationToken)
    {
        CheckSize(file, what);
        return File.ReadAllBytesAsync(file.FullName, cancellationToken);
    }

    /// <summary>A JSON object from a file, read strictly and with a size bound.</summary>
    public static JsonObject ReadObject(FileInfo file, string what)
    {
        CheckSize(file, what);
        try
        {
            return JsonNode.Parse(File.ReadAllText(file.FullName), documentOptions: new JsonDocumentOptions { MaxDepth = 64 }) as JsonObject
                ?? throw new CliException($"The {what} in {file.FullName} is not a JSON object.", ExitCodes.Usage);
        }
        catch (JsonException exception)
        {
            throw new CliException($"The {what} in {file.FullName} is not valid JSON: {exception.Message}", ExitCodes.Usage);
        }
    }

    private static void CheckSize(FileInfo file, string what)
    {
        if (!file.Exists)
        {
            throw new CliException($"The {what} file {file.FullName} does not exist.", ExitCodes.Usage);
        }

        if (file.Length > MaxFileBytes)
        {
            throw new CliException($"The {what} file is {file.Length} bytes; Blux takes at most {MaxFileBytes}.", ExitCodes.Usage);
        }
    }
}
