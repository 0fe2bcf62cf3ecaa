using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;

namespace Blux.IntegrationTests.OpenApi;

/// <summary>
/// <c>docs/openapi.json</c>: the document the host serves, with its server set to the default listener
/// (the served one names the origin it was asked from), so that clients can be generated without a
/// running host. <c>BLUX_WRITE_OPENAPI=1</c> makes the contract test write it instead of only comparing.
/// </summary>
internal static class ContractDocument
{
    public const string DefaultServer = "http://127.0.0.1:8080";

    public static string FilePath { get; } = Path.Combine(RepositoryRoot.Path, "docs", "openapi.json");

    private static readonly JsonSerializerOptions Written = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static bool WriteRequested => Environment.GetEnvironmentVariable("BLUX_WRITE_OPENAPI") == "1";

    /// <summary>The served document as it is checked in.</summary>
    public static JsonObject AsCheckedIn(JsonObject served)
    {
        var document = served.DeepClone().AsObject();
        document["servers"] = new JsonArray(new JsonObject { ["url"] = DefaultServer, ["description"] = "Blux's default listener" });
        return document;
    }

    public static string ToText(JsonObject document) => document.ToJsonString(Written) + "\n";

    public static JsonObject Read() => JsonNode.Parse(File.ReadAllText(FilePath))!.AsObject();
}
