using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Blux.SharedKernel.Crypto;

namespace Blux.UnitTests.Crypto;

/// <summary>
/// Low-S ES512 against the published P-521 / SHA-512 vectors of RFC 6979 (appendix A.2.7), and their
/// twins made by s' = n - s, which .NET itself accepts.
/// </summary>
public sealed class Es512Tests
{
    private static readonly BigInteger N = BigInteger.Parse(
        "01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFA51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409",
        NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    // RFC 6979 A.2.7, the key pair.
    private const string Ux = "1894550D0785932E00EAA23B694F213F8C3121F86DC97A04E5A7167DB4E5BCD371123D46E45DB6B5D5370A7F20FB633155D38FFA16D2BD761DCAC474B9A2F5023A4";
    private const string Uy = "0493101C962CD4D2FDDF782285E64584139C2F91B47F87FF82354D6630F746A28A0DB25741B5B34A828008B22ACC23F924FAAFBD4D33F81EA66956DFEAA2BFDFCF5";

    // With SHA-512, message = "sample": s is below n/2.
    private const string SampleR = "0C328FAFCBD79DD77850370C46325D987CB525569FB63C5D3BC53950E6D4C5F174E25A1EE9017B5D450606ADD152B534931D7D4E8455CC91F9B15BF05EC36E377FA";
    private const string SampleS = "0617CCE7CF5064806C467F678D3B4080D6F1CC50AF26CA209417308281B68AF282623EAA63E5B5C0723D8B8C37FF0777B1A20F8CCB1DCCC43997F1EE0E44DA4A67A";

    // With SHA-512, message = "test": s is above n/2, as RFC 6979 publishes it.
    private const string TestR = "13E99020ABF5CEE7525D16B69B229652AB6BDF2AFFCAEF38773B4B7D08725F10CDB93482FDCC54EDCEE91ECA4166B2A7C6265EF0CE2BD7051B7CEF945BABD47EE6D";
    private const string TestS = "1FBD0013C674AA79CB39849527916CE301C66EA7CE8B80682786AD60F98F7E78A19CA69EFF5C57400E3B3A0AD66CE0978214D13BAF4E9AC60752F7B155E2DE4DCE3";

    private static readonly byte[] Sample = Encoding.ASCII.GetBytes("sample");
    private static readonly byte[] Test = Encoding.ASCII.GetBytes("test");

    [Fact]
    public void The_published_low_S_signature_verifies()
    {
        using var key = Rfc6979Key();
        var signature = Signature(SampleR, SampleS);

        key.VerifyData(Sample, signature, HashAlgorithmName.SHA512, DSASignatureFormat.IeeeP1363FixedFieldConcatenation).Should().BeTrue("the vector is RFC 6979's own");
        Es512.IsLowS(signature).Should().BeTrue();
        Es512.Verify(key, Sample, signature).Should().Be(Es512Check.Valid);
    }

    [Fact]
    public void Its_high_S_twin_verifies_for_ecdsa_but_is_told_apart()
    {
        using var key = Rfc6979Key();
        var twin = Signature(SampleR, Twin(SampleS));

        key.VerifyData(Sample, twin, HashAlgorithmName.SHA512, DSASignatureFormat.IeeeP1363FixedFieldConcatenation).Should().BeTrue("(r, n - s) is a valid ECDSA signature too");
        Es512.IsLowS(twin).Should().BeFalse();
        Es512.Verify(key, Sample, twin).Should().Be(Es512Check.HighS);
        Es512.Twin(Signature(SampleR, SampleS)).Should().Equal(twin);
        Es512.Twin(twin).Should().Equal(Signature(SampleR, SampleS));
    }

    [Fact]
    public void A_published_high_S_signature_is_told_apart_and_its_low_twin_is_valid()
    {
        using var key = Rfc6979Key();
        var published = Signature(TestR, TestS);
        var lowTwin = Signature(TestR, Twin(TestS));

        key.VerifyData(Test, published, HashAlgorithmName.SHA512, DSASignatureFormat.IeeeP1363FixedFieldConcatenation).Should().BeTrue();
        Es512.Verify(key, Test, published).Should().Be(Es512Check.HighS);
        Es512.Verify(key, Test, lowTwin).Should().Be(Es512Check.Valid);
        Es512.ToLowS(published).Should().Equal(lowTwin);
        Es512.ToLowS(lowTwin).Should().Equal(lowTwin, "a low-S signature is left as it is");
    }

    [Fact]
    public void A_signature_over_other_data_is_invalid_in_either_form()
    {
        using var key = Rfc6979Key();

        Es512.Verify(key, Test, Signature(SampleR, SampleS)).Should().Be(Es512Check.Invalid);
        Es512.Verify(key, Test, Signature(SampleR, Twin(SampleS))).Should().Be(Es512Check.Invalid);
    }

    [Fact]
    public void Blux_signs_only_in_the_low_S_form()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP521);

        // ECDSA picks s at random, so about half of these would be high-S without normalization.
        for (var i = 0; i < 64; i++)
        {
            var data = BitConverter.GetBytes(i);
            var signature = Es512.Sign(key, data);

            signature.Length.Should().Be(Es512.SignatureLength);
            Es512.IsLowS(signature).Should().BeTrue();
            Es512.Verify(key, data, signature).Should().Be(Es512Check.Valid);
        }
    }

    [Theory]
    [InlineData("r zero")]
    [InlineData("s zero")]
    [InlineData("r is n")]
    [InlineData("s is n")]
    [InlineData("s is n plus s")]
    [InlineData("short")]
    [InlineData("long")]
    [InlineData("empty")]
    public void Out_of_range_or_misshapen_signatures_are_invalid(string damage)
    {
        using var key = Rfc6979Key();
        var n = Hex(N.ToString("X", CultureInfo.InvariantCulture));
        var signature = damage switch
        {
            "r zero" => [.. new byte[66], .. Hex(SampleS)],
            "s zero" => [.. Hex(SampleR), .. new byte[66]],
            "r is n" => [.. n, .. Hex(SampleS)],
            "s is n" => [.. Hex(SampleR), .. n],
            "s is n plus s" => [.. Hex(SampleR), .. Hex((N + BigInteger.Parse("0" + SampleS, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString("X", CultureInfo.InvariantCulture))],
            "short" => Signature(SampleR, SampleS)[..131],
            "long" => [.. Signature(SampleR, SampleS), 0],
            _ => Array.Empty<byte>(),
        };

        Es512.Verify(key, Sample, signature).Should().Be(Es512Check.Invalid);
    }

    [Fact]
    public void Half_the_order_is_the_largest_low_S()
    {
        var half = N >> 1;
        byte[] AtS(BigInteger s) => [.. Hex(SampleR), .. Hex(s.ToString("X", CultureInfo.InvariantCulture))];

        Es512.IsLowS(AtS(half)).Should().BeTrue();
        Es512.IsLowS(AtS(half + 1)).Should().BeFalse();
        Es512.IsLowS(AtS(BigInteger.One)).Should().BeTrue();
    }

    private static ECDsa Rfc6979Key() =>
        ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP521, Q = new ECPoint { X = Hex(Ux), Y = Hex(Uy) } });

    private static byte[] Signature(string r, string s) => [.. Hex(r), .. Hex(s)];

    /// <summary>n - s, in hex.</summary>
    private static string Twin(string s) =>
        (N - BigInteger.Parse("0" + s, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString("X", CultureInfo.InvariantCulture);

    /// <summary>A hex number as the 66 big-endian bytes of a P-521 scalar (RFC 6979 prints 131 digits).</summary>
    private static byte[] Hex(string hex)
    {
        var digits = hex.TrimStart('0').PadLeft(132, '0');
        return Convert.FromHexString(digits[^132..]);
    }
}
