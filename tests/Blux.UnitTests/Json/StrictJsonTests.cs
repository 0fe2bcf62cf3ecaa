using System.Text;
using System.Text.Json.Nodes;
using Blux.SharedKernel.Errors;
using Blux.SharedKernel.Json;

namespace Blux.UnitTests.Json;

/// <summary>JSON from outside that System.Text.Json parses but cannot use later is refused at once, naming the member.</summary>
public sealed class StrictJsonTests
{
    [Theory]
    [InlineData("""{"a":"\ud800"}""", "a")]
    [InlineData("""{"a":"\udc00"}""", "a")]
    [InlineData("""{"a":"x\ud800y"}""", "a")]
    [InlineData("""{"a":"\udc00\ud800"}""", "a")]
    [InlineData("""{"a":{"b":["ok","\ud83d"]}}""", "a.b[1]")]
    [InlineData("""{"\ud800":1}""", "body")]
    [InlineData("""{"a":{"\udfff":1}}""", "a")]
    public void A_lone_surrogate_in_a_value_or_a_name_is_refused(string json, string field)
    {
        Refusal(Encoding.UTF8.GetBytes(json)).Should().Be((field, "invalid_unicode"));
    }

    [Fact]
    public void A_surrogate_pair_written_as_escapes_is_text()
    {
        StrictJson.Parse("""{"a":"\ud83d\ude00"}"""u8)!["a"]!.GetValue<string>().Should().Be("\U0001F600");
    }

    [Theory]
    [InlineData(new byte[] { 0xff })]
    [InlineData(new byte[] { 0xc0, 0xaf })]
    [InlineData(new byte[] { 0xe2, 0x82 })]
    [InlineData(new byte[] { 0xed, 0xa0, 0x80 })]
    [InlineData(new byte[] { 0xf4, 0x90, 0x80, 0x80 })]
    public void Invalid_utf8_in_a_value_or_a_name_is_refused(byte[] bad)
    {
        Refusal([.. "{\"a\":\"x"u8, .. bad, .. "\"}"u8]).Should().Be(("a", "invalid_unicode"));
        Refusal([.. "{\"a\":{\"k"u8, .. bad, .. "\":1}}"u8]).Should().Be(("a", "invalid_unicode"));
        Refusal([.. "[\"ok\",\"\\n"u8, .. bad, .. "\"]"u8]).Should().Be(("[1]", "invalid_unicode"));
    }

    [Theory]
    [InlineData("""{"type":"echo","type":"script"}""", "type")]
    [InlineData("""{"a":1,"\u0061":2}""", "a")]
    [InlineData("""{"p":{"x":1,"y":2,"x":3}}""", "p.x")]
    [InlineData("""{"list":[{"k":1},{"k":1,"k":2}]}""", "list[1].k")]
    public void A_member_twice_in_one_object_is_refused(string json, string field)
    {
        Refusal(Encoding.UTF8.GetBytes(json)).Should().Be((field, "duplicate_key"));
    }

    [Fact]
    public void The_same_name_in_different_objects_is_not_a_duplicate()
    {
        StrictJson.Check("""{"a":{"k":1},"b":{"k":1},"c":[{"k":1},{"k":2}]}"""u8).Should().BeNull();
    }

    [Theory]
    [InlineData("""{"n":1e400}""", "n")]
    [InlineData("""{"n":-1e400}""", "n")]
    [InlineData("""{"list":[1,2,1E309]}""", "list[2]")]
    public void A_number_beyond_a_double_is_refused(string json, string field)
    {
        Refusal(Encoding.UTF8.GetBytes(json)).Should().Be((field, "number_out_of_range"));
    }

    [Theory]
    [InlineData("""{"n":1e-400}""")]
    [InlineData("""{"n":123456789012345678901234567890}""")]
    [InlineData("""{"n":-0}""")]
    public void Numbers_a_double_holds_are_kept(string json)
    {
        StrictJson.Check(Encoding.UTF8.GetBytes(json)).Should().BeNull();
    }

    [Fact]
    public void Nesting_up_to_the_limit_parses_and_one_more_level_is_refused_where_it_starts()
    {
        var atLimit = Nested(BluxJson.MaxRequestDepth);
        var beyond = Nested(BluxJson.MaxRequestDepth + 1);

        StrictJson.Parse(Encoding.UTF8.GetBytes(atLimit)).Should().NotBeNull();
        var error = StrictJson.Check(Encoding.UTF8.GetBytes(beyond))!;
        error.Issue.Should().Be("too_deep");
        error.Field.Should().Be(string.Join('.', Enumerable.Repeat("a", BluxJson.MaxRequestDepth)));
        error.Limit.Should().Be(BluxJson.MaxRequestDepth);
    }

    [Fact]
    public void Thirty_thousand_open_brackets_are_refused_without_recursion()
    {
        var error = StrictJson.Check(Encoding.ASCII.GetBytes(new string('[', 30_000)))!;

        error.Issue.Should().Be("too_deep");
        error.Field.Should().StartWith("[0][0]");
    }

    [Fact]
    public void The_request_limit_leaves_room_under_the_depth_Blux_stores()
    {
        BluxJson.Options.MaxDepth.Should().Be(BluxJson.MaxDepth);
        BluxJson.MaxRequestDepth.Should().BeLessThan(BluxJson.MaxDepth);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{\"a\":1} {}")]
    [InlineData("{\"a\":1 /* note */}")]
    [InlineData("{'a':1}")]
    [InlineData("{\"a\":NaN}")]
    public void Malformed_json_is_named_as_the_body(string json)
    {
        Refusal(Encoding.UTF8.GetBytes(json)).Should().Be(("body", "malformed_json"));
    }

    [Fact]
    public void A_long_member_name_is_cut_in_the_field()
    {
        var name = new string('k', 10_000);

        var error = StrictJson.Check(Encoding.UTF8.GetBytes($$"""{"{{name}}":1,"{{name}}":2}"""))!;

        error.Issue.Should().Be("duplicate_key");
        error.Field.Length.Should().BeLessThan(100);
    }

    [Fact]
    public void A_byte_order_mark_before_a_body_is_skipped()
    {
        StrictJson.Parse([0xef, 0xbb, 0xbf, .. "{\"a\":1}"u8])!["a"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public void Accepted_json_keeps_its_values_as_written()
    {
        var node = StrictJson.Parse("""{"text":"line\nbreak \u00e9 \ud83d\ude00","n":4.50,"list":[null,true,{"x":[]}]}"""u8)!;

        node["text"]!.GetValue<string>().Should().Be("line\nbreak é \U0001F600");
        node["n"]!.ToJsonString().Should().Be("4.50");
        node["list"]!.AsArray().Count.Should().Be(3);
    }

    [Fact]
    public void A_refusal_becomes_a_validation_error_naming_the_field()
    {
        var act = () => StrictJson.Parse("""{"a":"\ud800"}"""u8);

        var exception = act.Should().Throw<BluxException>().Which;
        exception.Code.Should().Be(ErrorCodes.ValidationFailed);
        exception.Details["field"].Should().Be("a");
        exception.Details["issue"].Should().Be("invalid_unicode");
    }

    private static (string Field, string Issue)? Refusal(byte[] json) =>
        StrictJson.Check(json) is { } error ? (error.Field, error.Issue) : null;

    private static string Nested(int depth)
    {
        var node = (JsonNode)new JsonObject { ["v"] = 1 };
        for (var i = 1; i < depth; i++)
        {
            node = new JsonObject { ["a"] = node };
        }

        return node.ToJsonString();
    }
}
