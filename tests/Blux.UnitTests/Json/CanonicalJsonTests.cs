using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Blux.SharedKernel.Json;

namespace Blux.UnitTests.Json;

/// <summary>RFC 8785 (JCS) against the RFC's own examples.</summary>
public sealed class CanonicalJsonTests
{
    [Fact]
    public void Rfc8785_section_3_2_2_sample_canonicalizes_as_published()
    {
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected = """{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}""";

        CanonicalJson.Canonicalize(input).Should().Be(expected);
    }

    [Fact]
    public void Rfc8785_section_3_2_2_sample_has_the_published_utf8_bytes()
    {
        const string input = """{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/","literals":[null,true,false]}""";

        // RFC 8785 section 3.2.4: the UTF-8 representation of the canonical form.
        const string expectedHex =
            "7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72 "
            + "75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a "
            + "5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31 "
            + "65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37 "
            + "5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30 "
            + "30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d";

        using var document = JsonDocument.Parse(input);
        var bytes = CanonicalJson.ToUtf8Bytes(document.RootElement);

        bytes.Should().Equal(Convert.FromHexString(expectedHex.Replace(" ", string.Empty, StringComparison.Ordinal)));
    }

    [Fact]
    public void Rfc8785_section_3_2_3_sorts_properties_by_utf16_code_units()
    {
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;

        var canonical = CanonicalJson.Canonicalize(input);

        using var document = JsonDocument.Parse(canonical);
        document.RootElement.EnumerateObject().Select(p => p.Value.GetString()).Should().Equal(
            "Carriage Return",
            "One",
            "Control",
            "Latin Small Letter O With Diaeresis",
            "Euro Sign",
            "Emoji: Grinning Face",
            "Hebrew Letter Dalet With Dagesh");
        canonical.Should().StartWith("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\"");
    }

    [Fact]
    public void Property_sorting_is_the_same_for_nodes_built_in_code()
    {
        var node = new JsonObject
        {
            ["\u20ac"] = 1,
            ["\r"] = 2,
            ["\ufb33"] = 3,
            ["1"] = 4,
            ["\ud83d\ude00"] = 5,
            ["\u0080"] = 6,
            ["\u00f6"] = 7,
        };

        CanonicalJson.ToText(node).Should().Be("{\"\\r\":2,\"1\":4,\"\u0080\":6,\"\u00f6\":7,\"\u20ac\":1,\"\ud83d\ude00\":5,\"\ufb33\":3}");
    }

    [Theory]
    [InlineData(0x0000000000000000UL, "0")]
    [InlineData(0x8000000000000000UL, "0")]
    [InlineData(0x0000000000000001UL, "5e-324")]
    [InlineData(0x8000000000000001UL, "-5e-324")]
    [InlineData(0x7fefffffffffffffUL, "1.7976931348623157e+308")]
    [InlineData(0xffefffffffffffffUL, "-1.7976931348623157e+308")]
    [InlineData(0x4340000000000000UL, "9007199254740992")]
    [InlineData(0xc340000000000000UL, "-9007199254740992")]
    [InlineData(0x4430000000000000UL, "295147905179352830000")]
    [InlineData(0x44b52d02c7e14af5UL, "9.999999999999997e+22")]
    [InlineData(0x44b52d02c7e14af6UL, "1e+23")]
    [InlineData(0x44b52d02c7e14af7UL, "1.0000000000000001e+23")]
    [InlineData(0x444b1ae4d6e2ef4eUL, "999999999999999700000")]
    [InlineData(0x444b1ae4d6e2ef4fUL, "999999999999999900000")]
    [InlineData(0x444b1ae4d6e2ef50UL, "1e+21")]
    [InlineData(0x3eb0c6f7a0b5ed8cUL, "9.999999999999997e-7")]
    [InlineData(0x3eb0c6f7a0b5ed8dUL, "0.000001")]
    [InlineData(0x41b3de4355555553UL, "333333333.3333332")]
    [InlineData(0x41b3de4355555554UL, "333333333.33333325")]
    [InlineData(0x41b3de4355555555UL, "333333333.3333333")]
    [InlineData(0x41b3de4355555556UL, "333333333.3333334")]
    [InlineData(0x41b3de4355555557UL, "333333333.33333343")]
    [InlineData(0xbecbf647612f3696UL, "-0.0000033333333333333333")]
    [InlineData(0x43143ff3c1cb0959UL, "1424953923781206.2")]
    public void Rfc8785_appendix_B_numbers_serialize_as_published(ulong ieee754, string expected)
    {
        var value = BitConverter.Int64BitsToDouble(unchecked((long)ieee754));

        CanonicalJson.FormatNumber(value).Should().Be(expected);
    }

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(100.0, "100")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1e-6, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(123e-20, "1.23e-18")]
    public void Numbers_switch_between_plain_and_exponent_form_at_the_ecmascript_limits(double value, string expected) =>
        CanonicalJson.FormatNumber(value).Should().Be(expected);

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NaN_and_infinity_have_no_canonical_form(double value)
    {
        var act = () => CanonicalJson.FormatNumber(value);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void NaN_inside_a_node_is_refused_rather_than_written()
    {
        var node = new JsonObject { ["x"] = double.NaN };

        var act = () => CanonicalJson.ToText(node);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void A_node_built_in_code_and_the_same_json_text_give_identical_bytes()
    {
        var built = new JsonObject
        {
            ["task_id"] = "task_01",
            ["count"] = 42,
            ["big"] = 9007199254740992L,
            ["ratio"] = 0.1,
            ["price"] = 4.50m,
            ["negative"] = -3,
            ["enabled"] = true,
            ["disabled"] = false,
            ["nothing"] = null,
            ["text"] = "line\nbreak \"quoted\" \\ back \u0001 €",
            ["nested"] = new JsonObject
            {
                ["z"] = new JsonArray(1, "two", new JsonObject { ["b"] = 2, ["a"] = 1 }, new JsonArray()),
                ["a"] = new JsonObject(),
            },
        };
        const string text = """
            {
              "nested": { "a": {}, "z": [1.0, "two", { "a": 1, "b": 2.00 }, []] },
              "text": "line\nbreak \"quoted\" \\ back \u0001 \u20ac",
              "nothing": null, "disabled": false, "enabled": true,
              "negative": -3, "price": 4.5, "ratio": 1e-1, "big": 9007199254740992, "count": 42,
              "task_id": "task_01"
            }
            """;

        var fromCode = CanonicalJson.ToUtf8Bytes(built);
        using var document = JsonDocument.Parse(text);
        var fromText = CanonicalJson.ToUtf8Bytes(document.RootElement);
        var fromParsedNode = CanonicalJson.ToUtf8Bytes(JsonNode.Parse(text));

        Encoding.UTF8.GetString(fromCode).Should().Be(
            """{"big":9007199254740992,"count":42,"disabled":false,"enabled":true,"negative":-3,"nested":{"a":{},"z":[1,"two",{"a":1,"b":2},[]]},"nothing":null,"price":4.5,"ratio":0.1,"task_id":"task_01","text":"line\nbreak \"quoted\" \\ back \u0001 €"}""");
        fromText.Should().Equal(fromCode);
        fromParsedNode.Should().Equal(fromCode);
    }

    [Fact]
    public void A_timestamp_value_built_in_code_canonicalizes_like_its_json_text()
    {
        var node = new JsonObject { ["at"] = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero) };

        CanonicalJson.ToText(node).Should().Be(CanonicalJson.Canonicalize(node.ToJsonString()));
    }

    [Fact]
    public void Nested_objects_are_sorted_at_every_level_and_arrays_keep_their_order()
    {
        const string input = """{"b":[3,1,2,{"y":1,"x":[{"d":1,"c":2}]}],"a":{"c":{"f":1,"e":2},"b":null}}""";

        CanonicalJson.Canonicalize(input).Should().Be("""{"a":{"b":null,"c":{"e":2,"f":1}},"b":[3,1,2,{"x":[{"c":2,"d":1}],"y":1}]}""");
    }

    [Fact]
    public void Insignificant_whitespace_is_removed()
    {
        CanonicalJson.Canonicalize(" {\n\t\"a\" :\r\n [ 1 , 2 ] } ").Should().Be("""{"a":[1,2]}""");
    }

    [Theory]
    [InlineData("\u0000", "\\u0000")]
    [InlineData("\u0001", "\\u0001")]
    [InlineData("\u000b", "\\u000b")]
    [InlineData("\u000e", "\\u000e")]
    [InlineData("\u001f", "\\u001f")]
    [InlineData("\b", "\\b")]
    [InlineData("\t", "\\t")]
    [InlineData("\n", "\\n")]
    [InlineData("\f", "\\f")]
    [InlineData("\r", "\\r")]
    [InlineData("\"", "\\\"")]
    [InlineData("\\", "\\\\")]
    [InlineData("/", "/")]
    [InlineData("\u007f", "\u007f")]
    [InlineData("<>&'", "<>&'")]
    [InlineData("\u00e9\u20ac", "\u00e9\u20ac")]
    public void Strings_escape_only_what_rfc8785_requires_with_lowercase_hex(string value, string expectedInner)
    {
        var node = new JsonObject { ["s"] = value };
        var expected = "{\"s\":\"" + expectedInner + "\"}";

        CanonicalJson.ToText(node).Should().Be(expected);
        CanonicalJson.Canonicalize(node.ToJsonString()).Should().Be(expected);
    }

    [Fact]
    public void Uppercase_escapes_in_the_input_come_out_lowercase()
    {
        CanonicalJson.Canonicalize("[\"\\u001F\\u000B\\u00E9\"]").Should().Be("[\"\\u001f\\u000b\u00e9\"]");
    }

    [Fact]
    public void Non_ascii_text_is_written_as_raw_utf8()
    {
        var bytes = CanonicalJson.ToUtf8Bytes(new JsonArray("€"));

        Convert.ToHexStringLower(bytes).Should().Be("5b22e282ac225d");
    }

    [Fact]
    public void A_null_node_is_the_literal_null()
    {
        CanonicalJson.ToText((JsonNode?)null).Should().Be("null");
    }
}
