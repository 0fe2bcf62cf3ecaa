using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Blux.SharedKernel.Json;

namespace Blux.SharedKernel.Crypto;

/// <summary>Hashes in Blux's written form: <c>sha256-&lt;lowercase hex&gt;</c>.</summary>
public static class BluxHash
{
    public const string Prefix = "sha256-";

    public static readonly string Genesis = Prefix + new string('0', 64);

    public static string Sha256(ReadOnlySpan<byte> data) => Prefix + Convert.ToHexStringLower(SHA256.HashData(data));

    public static string Sha256(string text) => Sha256(Encoding.UTF8.GetBytes(text));

    /// <summary>Hash of the RFC 8785 form of a JSON value.</summary>
    public static string OfCanonical(JsonNode? node) => Sha256(CanonicalJson.ToUtf8Bytes(node));

    /// <summary>
    /// A request body as idempotency and replay compare it: the RFC 8785 hash without <c>signature</c>,
    /// <c>timestamp</c> and <c>kid</c>, which a retry of the same request may renew.
    /// </summary>
    public static string OfRequestBody(JsonObject body)
    {
        var copy = (JsonObject)body.DeepClone();
        copy.Remove("signature");
        copy.Remove("timestamp");
        copy.Remove("kid");
        return OfCanonical(copy);
    }
}
