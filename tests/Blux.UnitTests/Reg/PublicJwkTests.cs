using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Blux.Modules.Reg.Security;
using Blux.SharedKernel.Crypto;
using Blux.SharedKernel.Errors;

namespace Blux.UnitTests.Reg;

public sealed class PublicJwkTests
{
    [Fact]
    public void A_p521_public_jwk_is_read_with_its_kid_and_canonical_coordinates()
    {
        var jwk = NewJwk();
        jwk["kid"] = "client-key-1";
        jwk["alg"] = "ES512";
        jwk["use"] = "sig";

        var parsed = PublicJwk.Parse(jwk);

        parsed.Kid.Should().Be("client-key-1");
        parsed.X.Should().Be(jwk["x"]!.GetValue<string>());
        parsed.Y.Should().Be(jwk["y"]!.GetValue<string>());
    }

    [Fact]
    public void Without_a_kid_the_key_is_named_by_its_thumbprint_which_ignores_optional_members()
    {
        var jwk = NewJwk();
        var plain = PublicJwk.Parse(jwk);
        jwk["alg"] = "ES512";
        jwk["use"] = "sig";

        var decorated = PublicJwk.Parse(jwk);

        plain.Kid.Should().Be(decorated.Kid);
        Base64Url.Decode(plain.Kid).Should().HaveCount(32, "an RFC 7638 thumbprint is a SHA-256");
        PublicJwk.Parse(NewJwk()).Kid.Should().NotBe(plain.Kid);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("\n")]
    [InlineData("=")]
    public void A_coordinate_with_whitespace_or_padding_is_refused_so_one_key_has_one_spelling(string extra)
    {
        var jwk = NewJwk();
        var x = jwk["x"]!.GetValue<string>();
        jwk["x"] = x[..44] + extra + x[44..];

        var act = () => PublicJwk.Parse(jwk);

        act.Should().Throw<BluxException>().Which.Details["issue"].Should().Be("invalid_coordinate");
    }

    [Fact]
    public void A_point_off_the_curve_is_refused()
    {
        var jwk = NewJwk();
        var y = Base64Url.Decode(jwk["y"]!.GetValue<string>());
        y[^1] ^= 0x01;
        jwk["y"] = Base64Url.Encode(y);

        var act = () => PublicJwk.Parse(jwk);

        act.Should().Throw<BluxException>().Which.Details["issue"].Should().Be("point_not_on_curve");
    }

    [Fact]
    public void A_jwk_with_a_private_member_is_refused_without_echoing_it()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        var jwk = NewJwk(key);
        var d = Base64Url.Encode(key.ExportParameters(includePrivateParameters: true).D);
        jwk["d"] = d;

        var act = () => PublicJwk.Parse(jwk);

        var error = act.Should().Throw<BluxException>().Which;
        error.Details["field"].Should().Be("jwk.d");
        error.Message.Should().NotContain(d);
    }

    private static JsonObject NewJwk(ECDsa? key = null)
    {
        using var generated = key is null ? ECDsa.Create(ECCurve.NamedCurves.nistP521) : null;
        var parameters = (key ?? generated!).ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "EC",
            ["crv"] = "P-521",
            ["x"] = Base64Url.Encode(parameters.Q.X),
            ["y"] = Base64Url.Encode(parameters.Q.Y),
        };
    }
}
