using Blux.SharedKernel.Crypto;

namespace Blux.UnitTests.Crypto;

public sealed class Base64UrlTests
{
    [Theory]
    [InlineData(new byte[0], "")]
    [InlineData(new byte[] { 0x66 }, "Zg")]
    [InlineData(new byte[] { 0x66, 0x6f }, "Zm8")]
    [InlineData(new byte[] { 0x66, 0x6f, 0x6f }, "Zm9v")]
    [InlineData(new byte[] { 0xfb, 0xff }, "-_8")]
    [InlineData(new byte[] { 0x03, 0xeb, 0xff, 0xbf }, "A-v_vw")]
    public void Encodes_with_the_url_alphabet_and_no_padding(byte[] data, string expected)
    {
        Base64Url.Encode(data).Should().Be(expected);
        Base64Url.Decode(expected).Should().Equal(data);
    }

    [Fact]
    public void Every_length_round_trips()
    {
        var random = new Random(8785);
        for (var length = 0; length <= 140; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);

            var text = Base64Url.Encode(data);

            text.Should().NotContainAny("+", "/", "=");
            Base64Url.TryDecode(text, out var decoded).Should().BeTrue();
            decoded.Should().Equal(data);
            Base64Url.Decode(text).Should().Equal(data);
        }
    }

    [Theory]
    [InlineData("Zm9v!")]
    [InlineData("Zm9v$")]
    [InlineData("Z")]
    [InlineData("Zm9vY")]
    [InlineData("Zm 9v\u00e9")]
    [InlineData("+/8")]
    public void Invalid_text_is_refused(string text)
    {
        Base64Url.TryDecode(text, out var data).Should().BeFalse();
        data.Should().BeEmpty();
    }

    [Fact]
    public void Decode_throws_on_invalid_text()
    {
        var act = () => Base64Url.Decode("Zm9v!");

        act.Should().Throw<FormatException>();
    }
}
