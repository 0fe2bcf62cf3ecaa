using Blux.SharedKernel.Crypto;

namespace Blux.UnitTests.Crypto;

public sealed class SignatureFormatTests
{
    private static readonly byte[] Raw = [0xfb, 0xff, 0x00, 0x10, 0x80];

    [Fact]
    public void Es512_is_prefixed_base64url_without_padding()
    {
        SignatureFormat.Es512(Raw).Should().Be("es512--_8AEIA");
    }

    [Fact]
    public void Hs256_is_prefixed_base64url_without_padding()
    {
        SignatureFormat.Hs256(Raw).Should().Be("hs256--_8AEIA");
    }

    [Fact]
    public void A_written_signature_decodes_back_to_its_bytes()
    {
        var written = SignatureFormat.Es512(Raw);

        SignatureFormat.TryDecode(written, SignatureFormat.Es512Prefix, out var decoded).Should().BeTrue();
        decoded.Should().Equal(Raw);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-_8AEIA")]
    [InlineData("hs256--_8AEIA")]
    [InlineData("ES512--_8AEIA")]
    [InlineData("es512-!!!")]
    [InlineData("es512-A")]
    public void Wrong_prefix_or_invalid_body_is_refused(string? written)
    {
        SignatureFormat.TryDecode(written, SignatureFormat.Es512Prefix, out var decoded).Should().BeFalse();
        decoded.Should().BeEmpty();
    }
}
