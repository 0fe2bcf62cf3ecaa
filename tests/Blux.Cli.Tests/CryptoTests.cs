using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Blux.Cli.Crypto;

namespace Blux.Cli.Tests;

public sealed class CryptoTests
{
    [Theory]
    [InlineData(0d, "0")]
    [InlineData(1d, "1")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(123456789012345680000d, "123456789012345680000")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(4.5, "4.5")]
    [InlineData(0.002, "0.002")]
    [InlineData(333333333.33333329, "333333333.3333333")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(9007199254740992d, "9007199254740992")]
    public void Numbers_are_written_as_ECMAScript_writes_them(double value, string expected) =>
        Jcs.Number(value).Should().Be(expected);

    [Fact]
    public void Minus_zero_is_written_0() => Jcs.Number(-0d).Should().Be("0");

    [Fact]
    public void The_RFC_8785_sorting_example_canonicalizes_as_published()
    {
        // RFC 8785 §3.2.3: members sorted by UTF-16 code units.
        const string input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\",\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
        using var document = JsonDocument.Parse(input);

        Jcs.Text(document.RootElement).Should().Be("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\",\"😀\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    [Fact]
    public void The_RFC_8785_values_example_canonicalizes_as_published()
    {
        const string input = "{\"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\", \"literals\": [null, true, false]}";
        using var document = JsonDocument.Parse(input);

        Jcs.Text(document.RootElement).Should().Be("{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"a\":\"\\ud800\"}")]
    public void Duplicate_members_and_lone_surrogates_have_no_canonical_form(string json)
    {
        using var document = JsonDocument.Parse(json);
        var act = () => Jcs.Text(document.RootElement);

        act.Should().Throw<FormatException>();
    }

    [Fact]
    public void Signatures_are_low_S_and_their_high_S_twin_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        var order = System.Numerics.BigInteger.Parse("01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFA51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409", System.Globalization.NumberStyles.HexNumber);
        var data = Encoding.ASCII.GetBytes("sha256-00");
        for (var i = 0; i < 20; i++)
        {
            var signature = Es512.Sign(key, data);
            Es512.Check(key, data, signature).Should().BeNull();

            var raw = Base64Url.Decode(signature[Es512.Prefix.Length..]);
            var s = new System.Numerics.BigInteger(raw.AsSpan(66), isUnsigned: true, isBigEndian: true);
            var high = (order - s).ToByteArray(isUnsigned: true, isBigEndian: true);
            Array.Clear(raw, 66, 66);
            high.CopyTo(raw, 132 - high.Length);
            Es512.Check(key, data, Es512.Prefix + Base64Url.Encode(raw)).Should().Be("signature is in the high-S form");
        }

        Es512.Check(key, Encoding.ASCII.GetBytes("sha256-01"), Es512.Sign(key, data)).Should().Be("signature does not verify");
    }

    [Theory]
    [InlineData("AQ==")]
    [InlineData("A+8")]
    [InlineData("AR")]
    public void Base64url_is_read_strictly(string text)
    {
        var act = () => Base64Url.Decode(text);

        act.Should().Throw<FormatException>();
    }
}
