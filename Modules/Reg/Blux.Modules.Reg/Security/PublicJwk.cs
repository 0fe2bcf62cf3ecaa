using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Blux.SharedKernel.Crypto;
using Blux.SharedKernel.Errors;

namespace Blux.Modules.Reg.Security;

/// <summary>
/// Reads a client's ES512 public JWK strictly: EC on P-521, full-length coordinates of a point that is
/// on the curve, no private member. Every refusal names the member (<c>jwk.x</c>, <c>jwk.crv</c>, …).
/// </summary>
internal static partial class PublicJwk
{
    /// <summary>P-521 coordinates are 521 bits, written on 66 bytes (RFC 7518 §6.2.1.2).</summary>
    public const int CoordinateLength = 66;

    public static IReadOnlyDictionary<string, string> ToJwk(string kid, string x, string y) => new Dictionary<string, string>
    {
        ["kty"] = "EC",
        ["crv"] = "P-521",
        ["x"] = x,
        ["y"] = y,
        ["kid"] = kid,
        ["alg"] = "ES512",
        ["use"] = "sig",
    };

    public static ParsedJwk Parse(JsonObject? jwk)
    {
        if (jwk is null)
        {
            throw BluxException.Validation("jwk", "missing_field", "jwk is required: the public half of an ES512 (P-521) key as a JWK.");
        }

        if (jwk.ContainsKey("d"))
        {
            throw BluxException.Validation("jwk.d", "private_key_material", "Send only the public half of the key; a JWK that carries 'd' is refused.");
        }

        var kty = Member(jwk, "kty", required: true);
        if (kty != "EC")
        {
            throw BluxException.Validation("jwk.kty", "unsupported_key_type", "kty must be 'EC'.");
        }

        var crv = Member(jwk, "crv", required: true);
        if (crv != "P-521")
        {
            throw BluxException.Validation("jwk.crv", "unsupported_curve", "crv must be 'P-521' (ES512).");
        }

        var alg = Member(jwk, "alg", required: false);
        if (alg is not null && alg != "ES512")
        {
            throw BluxException.Validation("jwk.alg", "unsupported_algorithm", "alg, when present, must be 'ES512'.");
        }

        var use = Member(jwk, "use", required: false);
        if (use is not null && use != "sig")
        {
            throw BluxException.Validation("jwk.use", "unsupported_use", "use, when present, must be 'sig'.");
        }

        var x = Coordinate(jwk, "x");
        var y = Coordinate(jwk, "y");
        if (!IsOnCurve(x, y))
        {
            throw BluxException.Validation("jwk", "point_not_on_curve", "x and y are not a point on the P-521 curve.");
        }

        var kid = Member(jwk, "kid", required: false);
        if (kid is not null && !KidPattern().IsMatch(kid))
        {
            throw BluxException.Validation("jwk.kid", "invalid_format", "kid, when present, must be 1-128 printable ASCII characters without spaces.");
        }

        var xText = Base64Url.Encode(x);
        var yText = Base64Url.Encode(y);
        return new ParsedJwk(kid ?? Thumbprint(xText, yText), xText, yText);
    }

    /// <summary>The RFC 7638 thumbprint: base64url SHA-256 of the required members in lexicographic order.</summary>
    public static string Thumbprint(string x, string y) =>
        Base64Url.Encode(SHA256.HashData(Encoding.UTF8.GetBytes($"{{\"crv\":\"P-521\",\"kty\":\"EC\",\"x\":\"{x}\",\"y\":\"{y}\"}}")));

    private static string? Member(JsonObject jwk, string name, bool required)
    {
        if (!jwk.TryGetPropertyValue(name, out var node) || node is null)
        {
            return required ? throw BluxException.Validation("jwk." + name, "missing_field", $"jwk.{name} is required.") : null;
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw BluxException.Validation("jwk." + name, "wrong_type", $"jwk.{name} must be a string.");
    }

    private static byte[] Coordinate(JsonObject jwk, string name)
    {
        var text = Member(jwk, name, required: true)!;
        if (!Base64Url.TryDecode(text, out var bytes) || bytes.Length != CoordinateLength || Base64Url.Encode(bytes) != text)
        {
            throw BluxException.Validation("jwk." + name, "invalid_coordinate",
                $"jwk.{name} must be the {CoordinateLength}-byte coordinate in base64url without padding.");
        }

        return bytes;
    }

    private static bool IsOnCurve(byte[] x, byte[] y)
    {
        try
        {
            using var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP521, Q = new ECPoint { X = x, Y = y } });
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    // \z, not $: $ also matches before a final "\n".
    [GeneratedRegex("^[\\x21-\\x7E]{1,128}\\z")]
    private static partial Regex KidPattern();
}

internal sealed record ParsedJwk(string Kid, string X, string Y);
