using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Lite;
using Blux.IntegrationTests.Reg;
using Blux.SharedKernel.Json;

namespace Blux.IntegrationTests;

/// <summary>
/// JSON that parses but that Blux could not use later (lone surrogates, invalid UTF-8, a member twice,
/// numbers beyond a double, nesting deeper than the stores write) is a 400 naming the member on every
/// endpoint that reads a body, with or without a token, and nothing is written.
/// </summary>
public sealed class HostileJsonTests : IClassFixture<BluxFactory>
{
    private readonly BluxFactory _factory;

    public HostileJsonTests(BluxFactory factory) => _factory = factory;

    /// <summary>Every endpoint that reads a JSON body, and whether it is anonymous.</summary>
    public static readonly (string Method, string Path)[] JsonEndpoints =
    [
        ("POST", "/v1/tokens"),
        ("POST", "/v1/auth/token"),
        ("POST", "/v1/tasks"),
        ("POST", "/v1/tasks/task_missing/cancel"),
        ("POST", "/v1/tasks/task_missing/approve"),
        ("POST", "/v1/tasks/task_missing/reject"),
        ("POST", "/v1/validate"),
        ("POST", "/v1/reflect"),
        ("POST", "/v1/audit"),
        ("PUT", "/v1/policies"),
        ("POST", "/v1/identities"),
        ("POST", "/v1/identities/validate"),
        ("POST", "/v1/identities/admin/keys"),
        ("POST", "/v1/keys/rotate"),
        ("POST", "/v1/keys/key_missing/revoke"),
    ];

    /// <summary>Bodies that System.Text.Json parses, each with the member it must be refused at.</summary>
    public static readonly (string Name, byte[] Body, string Field, string Issue)[] HostileBodies =
    [
        ("lone high surrogate", Utf8("""{"probe":{"inner":"\ud800"}}"""), "probe.inner", "invalid_unicode"),
        ("lone low surrogate", Utf8("""{"probe":["ok","x\udc00"]}"""), "probe[1]", "invalid_unicode"),
        ("surrogate in a name", Utf8("""{"\ud800":1}"""), "body", "invalid_unicode"),
        ("invalid utf-8 in a value", [.. "{\"probe\":\"a"u8, 0xff, .. "b\"}"u8], "probe", "invalid_unicode"),
        ("invalid utf-8 in a name", [.. "{\"probe\":{\"k"u8, 0xc0, 0xaf, .. "\":1}}"u8], "probe", "invalid_unicode"),
        ("encoded surrogate", [.. "{\"probe\":\""u8, 0xed, 0xa0, 0x80, .. "\"}"u8], "probe", "invalid_unicode"),
        ("duplicate member", Utf8("""{"probe":1,"probe":2}"""), "probe", "duplicate_key"),
        ("duplicate member by escape", Utf8("""{"probe":1,"pro\u0062e":2}"""), "probe", "duplicate_key"),
        ("number beyond a double", Utf8("""{"probe":[1,1e400]}"""), "probe[1]", "number_out_of_range"),
        ("negative number beyond a double", Utf8("""{"probe":-1e400}"""), "probe", "number_out_of_range"),
        ("nested one level too deep", Utf8(Nested(BluxJson.MaxRequestDepth + 1)), Path(BluxJson.MaxRequestDepth + 1), "too_deep"),
        ("thirty thousand brackets", Encoding.ASCII.GetBytes(new string('[', 30_000)), string.Concat(Enumerable.Repeat("[0]", BluxJson.MaxRequestDepth)), "too_deep"),
    ];

    public static TheoryData<string, string, string> EveryEndpointAndBody()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (method, path) in JsonEndpoints)
        {
            foreach (var body in HostileBodies)
            {
                data.Add(method, path, body.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryEndpointAndBody))]
    public async Task Parseable_but_unusable_json_is_400_naming_the_member_on_every_endpoint(string method, string path, string bodyName)
    {
        var (_, body, field, issue) = HostileBodies.Single(b => b.Name == bodyName);
        using var client = await _factory.AdminClientAsync();
        var before = await AuditHeadAsync(client);

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Raw(body) });

        var error = await response.ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", field, issue);
        error["audit_id"].Should().BeNull();
        error["timestamp"]!.GetValue<string>().Should().EndWith("Z");
        (await AuditHeadAsync(client)).Should().Be(before, "a body refused at the door writes nothing");
    }

    [Fact]
    public async Task A_lone_surrogate_on_the_anonymous_token_endpoint_is_400()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostAsync("/v1/tokens", Raw(Utf8("""{"a":"\ud800"}""")));

        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", "a", "invalid_unicode");
    }

    [Fact]
    public async Task A_client_id_in_invalid_utf8_is_refused_rather_than_read_with_replacement_characters()
    {
        using var client = _factory.CreateClient();
        byte[] body = [.. "{\"grant_type\":\"client_credentials\",\"client_id\":\"ad"u8, 0xff, .. "min\",\"client_secret\":\"x\"}"u8];

        var response = await client.PostAsync("/v1/tokens", Raw(body));

        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", "client_id", "invalid_unicode");
    }

    [Fact]
    public async Task A_task_naming_its_type_twice_is_refused_and_no_task_exists()
    {
        using var client = await _factory.AdminClientAsync();
        var taskId = "task_" + Guid.NewGuid().ToString("N");
        var body = $$$"""{"task_id":"{{{taskId}}}","type":"echo","type":"script","context":{"environment":"development","sensitivity":"low"},"payload":{"source":"1"}}""";

        var response = await client.PostAsync("/v1/tasks", Json.Content(body));

        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", "type", "duplicate_key");
        (await client.GetAsync($"/v1/tasks/{taskId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"n":1e400}""", "payload.n", "number_out_of_range")]
    [InlineData("""{"text":"\ud800"}""", "payload.text", "invalid_unicode")]
    [InlineData("""{"a":1,"a":2}""", "payload.a", "duplicate_key")]
    public async Task A_payload_that_could_not_be_hashed_or_stored_is_refused_at_submit(string payload, string field, string issue)
    {
        using var client = await _factory.AdminClientAsync();
        var taskId = "task_" + Guid.NewGuid().ToString("N");
        var body = $$$"""{"task_id":"{{{taskId}}}","type":"echo","context":{"environment":"development","sensitivity":"low"},"payload":{{{payload}}}}""";

        var response = await client.PostAsync("/v1/tasks", Raw(Utf8(body)));

        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", field, issue);
        (await client.GetAsync($"/v1/tasks/{taskId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData('[', ']')]
    [InlineData('(', ')')]
    [InlineData('{', '}')]
    public async Task A_script_nested_too_deeply_to_parse_is_refused_at_submit_and_the_host_stays_up(char open, char close)
    {
        using var client = await _factory.AdminClientAsync();
        var source = new string(open, 30_000) + new string(close, 30_000);
        var request = TaskRequest.Create("script", new System.Text.Json.Nodes.JsonObject { ["language"] = "javascript", ["source"] = source });

        var response = await client.PostAsync("/v1/tasks", Json.Content(request.ToJsonString()));

        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", "payload.source", "too_deeply_nested");
        (await client.GetAsync($"/v1/tasks/{request.Id()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task<long> AuditHeadAsync(HttpClient client)
    {
        var verify = await (await client.GetAsync("/v1/audit/verify")).BodyAsync();
        verify["valid"]!.GetValue<bool>().Should().BeTrue();
        return verify["head"]!["seq"]!.GetValue<long>();
    }

    private static ByteArrayContent Raw(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary><c>{"probe":{"a":{"a":…{}}}}</c>, <paramref name="depth"/> objects deep in all.</summary>
    private static string Nested(int depth) =>
        "{\"probe\":" + string.Concat(Enumerable.Repeat("{\"a\":", depth - 2)) + "{}" + new string('}', depth - 1);

    /// <summary>Where <see cref="Nested"/> of <paramref name="depth"/> holds its innermost object.</summary>
    private static string Path(int depth) => "probe" + string.Concat(Enumerable.Repeat(".a", depth - 2));
}
