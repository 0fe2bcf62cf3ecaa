using System.Text;
using System.Text.Json.Nodes;
using Blux.SharedKernel.Crypto;

namespace Blux.UnitTests.Crypto;

public sealed class BluxHashTests
{
    [Fact]
    public void Sha256_of_abc_is_the_fips_180_vector()
    {
        BluxHash.Sha256("abc").Should().Be("sha256-ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    [Fact]
    public void Sha256_of_nothing_is_the_empty_input_vector()
    {
        BluxHash.Sha256(string.Empty).Should().Be("sha256-e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    [Fact]
    public void Sha256_of_text_hashes_its_utf8_bytes()
    {
        BluxHash.Sha256("€").Should().Be(BluxHash.Sha256(new byte[] { 0xe2, 0x82, 0xac }));
        BluxHash.Sha256("€").Should().NotBe(BluxHash.Sha256(Encoding.Unicode.GetBytes("€")));
    }

    [Fact]
    public void Genesis_is_sha256_prefix_and_64_zeros()
    {
        BluxHash.Genesis.Should().Be("sha256-0000000000000000000000000000000000000000000000000000000000000000");
    }

    [Fact]
    public void Hashes_are_written_in_lowercase_hex()
    {
        var hash = BluxHash.Sha256("Blux");

        hash.Should().MatchRegex("^sha256-[0-9a-f]{64}\\z");
    }

    [Fact]
    public void OfCanonical_hashes_the_rfc8785_form_so_member_order_does_not_matter()
    {
        var a = new JsonObject { ["b"] = 1, ["a"] = new JsonArray(2.0, "x") };
        var b = JsonNode.Parse("""{ "a": [2, "x"], "b": 1.0 }""");

        BluxHash.OfCanonical(a).Should().Be(BluxHash.Sha256("""{"a":[2,"x"],"b":1}"""));
        BluxHash.OfCanonical(b).Should().Be(BluxHash.OfCanonical(a));
        BluxHash.OfCanonical(new JsonObject { ["b"] = 2, ["a"] = new JsonArray(2.0, "x") }).Should().NotBe(BluxHash.OfCanonical(a));
    }

    [Fact]
    public void A_retry_that_renews_signature_timestamp_and_kid_hashes_the_same()
    {
        var first = JsonNode.Parse("""{"task_id":"t1","type":"echo","payload":{"a":1},"timestamp":"2026-01-01T00:00:00Z","kid":"k1","signature":"es512-a"}""")!.AsObject();
        var retry = JsonNode.Parse("""{"signature":"es512-b","kid":"k2","payload":{"a":1},"type":"echo","task_id":"t1","timestamp":"2026-01-01T00:01:00Z"}""")!.AsObject();

        BluxHash.OfRequestBody(retry).Should().Be(BluxHash.OfRequestBody(first));
        first["signature"]!.GetValue<string>().Should().Be("es512-a", "the body itself is left as it was");
    }

    [Fact]
    public void Another_payload_hashes_differently()
    {
        var one = JsonNode.Parse("""{"task_id":"t1","type":"echo","payload":{"a":1}}""")!.AsObject();
        var other = JsonNode.Parse("""{"task_id":"t1","type":"echo","payload":{"a":2}}""")!.AsObject();

        BluxHash.OfRequestBody(other).Should().NotBe(BluxHash.OfRequestBody(one));
    }
}
