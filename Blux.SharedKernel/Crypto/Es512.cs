using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;

namespace Blux.SharedKernel.Crypto;

/// <summary>
/// ES512 (ECDSA on P-521 with SHA-512, IEEE P1363 <c>r||s</c>, 132 bytes), signed and checked in one
/// place. An ECDSA signature <c>(r, s)</c> has a twin <c>(r, n − s)</c> that verifies just as well, so
/// anyone holding a signature can make a second, different one without the key. Blux signs only the
/// low-S form (<c>s ≤ n/2</c>) and tells the two apart when it checks, so that a signature can serve
/// as an identity of what was signed.
/// </summary>
public static class Es512
{
    public const int SignatureLength = 2 * ScalarLength;

    /// <summary>P-521 scalars are 521 bits, written on 66 bytes.</summary>
    private const int ScalarLength = 66;

    /// <summary>The order n of the P-521 group (FIPS 186-4, D.1.2.5).</summary>
    private static readonly BigInteger Order = BigInteger.Parse(
        "01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFA51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409",
        NumberStyles.HexNumber,
        CultureInfo.InvariantCulture);

    private static readonly byte[] OrderBytes = Fixed(Order);
    private static readonly byte[] HalfOrderBytes = Fixed(Order >> 1);

    /// <summary>Signs <paramref name="data"/> and answers the low-S form.</summary>
    public static byte[] Sign(ECDsa key, ReadOnlySpan<byte> data) =>
        ToLowS(key.SignData(data, HashAlgorithmName.SHA512, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    /// <summary>
    /// <see cref="Es512Check.Valid"/> for a low-S signature that verifies, <see cref="Es512Check.HighS"/>
    /// for the high-S twin of one, <see cref="Es512Check.Invalid"/> for anything else (wrong length,
    /// <c>r</c> or <c>s</c> out of range, or no match).
    /// </summary>
    public static Es512Check Verify(ECDsa key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (!InRange(signature) || !key.VerifyData(data, signature, HashAlgorithmName.SHA512, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            return Es512Check.Invalid;
        }

        return IsLowS(signature) ? Es512Check.Valid : Es512Check.HighS;
    }

    /// <summary>Whether <c>s ≤ n/2</c> (fixed-length big-endian numbers compare as their bytes do).</summary>
    public static bool IsLowS(ReadOnlySpan<byte> signature) =>
        signature.Length == SignatureLength && signature[ScalarLength..].SequenceCompareTo(HalfOrderBytes) <= 0;

    /// <summary>The low-S form of a signature: its twin when <c>s &gt; n/2</c>, the signature itself otherwise.</summary>
    public static byte[] ToLowS(ReadOnlySpan<byte> signature) => IsLowS(signature) ? signature.ToArray() : Twin(signature);

    /// <summary><c>(r, n − s)</c>: the other signature that verifies wherever <c>(r, s)</c> does.</summary>
    public static byte[] Twin(ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureLength)
        {
            throw new ArgumentException($"An ES512 signature is {SignatureLength} bytes.", nameof(signature));
        }

        var result = signature.ToArray();
        var s = new BigInteger(signature[ScalarLength..], isUnsigned: true, isBigEndian: true);
        Fixed(Order - s).CopyTo(result.AsSpan(ScalarLength));
        return result;
    }

    /// <summary>Both halves in [1, n − 1], as ECDSA requires of a signature.</summary>
    private static bool InRange(ReadOnlySpan<byte> signature) =>
        signature.Length == SignatureLength && IsScalar(signature[..ScalarLength]) && IsScalar(signature[ScalarLength..]);

    private static bool IsScalar(ReadOnlySpan<byte> value) =>
        value.ContainsAnyExcept((byte)0) && value.SequenceCompareTo(OrderBytes) < 0;

    private static byte[] Fixed(BigInteger value)
    {
        var bytes = new byte[ScalarLength];
        value.TryWriteBytes(bytes.AsSpan(ScalarLength - value.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return bytes;
    }
}
