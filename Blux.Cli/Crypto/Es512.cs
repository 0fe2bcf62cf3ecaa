using System.Numerics;
using System.Security.Cryptography;

namespace Blux.Cli.Crypto;

/// <summary>
/// ECDSA P-521 with SHA-512 in the IEEE P1363 form (r‖s, 132 bytes), as docs/contract.md#hashes-signatures-and-canonical-json writes signatures
/// (<c>es512-</c> + base64url). Blux accepts only the low-S form (s ≤ n/2), so bluxq signs in it and
/// its verifier refuses the high-S twin.
/// </summary>
internal static class Es512
{
    public const string Prefix = "es512-";
    private const int FieldBytes = 66;

    private static readonly BigInteger Order = BigInteger.Parse(
        "01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFA51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409",
        System.Globalization.NumberStyles.HexNumber);

    private static readonly BigInteger HalfOrder = Order / 2;

    public static string Sign(ECDsa key, byte[] data)
    {
        var signature = key.SignData(data, HashAlgorithmName.SHA512, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var s = new BigInteger(signature.AsSpan(FieldBytes), isUnsigned: true, isBigEndian: true);
        if (s > HalfOrder)
        {
            var low = (Order - s).ToByteArray(isUnsigned: true, isBigEndian: true);
            Array.Clear(signature, FieldBytes, FieldBytes);
            low.CopyTo(signature, (2 * FieldBytes) - low.Length);
        }

        return Prefix + Base64Url.Encode(signature);
    }

    /// <summary>Why <paramref name="signature"/> does not verify over <paramref name="data"/>, or null when it does.</summary>
    public static string? Check(ECDsa key, byte[] data, string signature)
    {
        if (!signature.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return "signature is not es512-…";
        }

        byte[] raw;
        try
        {
            raw = Base64Url.Decode(signature[Prefix.Length..]);
        }
        catch (FormatException)
        {
            return "signature is not base64url";
        }

        if (raw.Length != 2 * FieldBytes)
        {
            return $"signature is {raw.Length} bytes, not {2 * FieldBytes}";
        }

        if (new BigInteger(raw.AsSpan(FieldBytes), isUnsigned: true, isBigEndian: true) > HalfOrder)
        {
            return "signature is in the high-S form";
        }

        return key.VerifyData(data, raw, HashAlgorithmName.SHA512, DSASignatureFormat.IeeeP1363FixedFieldConcatenation) ? null : "signature does not verify";
    }

    /// <summary>The public key of a P-521 JWK, strictly: kty EC, crv P-521, 66-byte coordinates of a point on the curve.</summary>
    public static ECDsa PublicKey(string x, string y)
    {
        var qx = Base64Url.Decode(x);
        var qy = Base64Url.Decode(y);
        if (qx.Length != FieldBytes || qy.Length != FieldBytes)
        {
            throw new FormatException("coordinates are not 66 bytes");
        }

        try
        {
            return ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP521, Q = new ECPoint { X = qx, Y = qy } });
        }
        catch (CryptographicException)
        {
            throw new FormatException("the point is not on P-521");
        }
    }
}
