using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;

namespace Blux.IntegrationTests.OpenApi;

/// <summary>
/// The OpenAPI document is a contract clients are generated from: every operation named, described,
/// secured or explicitly anonymous, its parameters typed, its errors in the envelope, its examples
/// accepted, and the checked-in copy the same as what the host serves.
/// </summary>
public sealed class OpenApiContractTests : IClassFixture<BluxFactory>
{
    /// <summary>docs/contract.md#authentication-and-scopes: the anonymous endpoints of the document.</summary>
    private static readonly HashSet<string> Anonymous =
    [
        "GET /health", "GET /ready", "GET /.well-known/jwks.json", "GET /.well-known/openid-configuration", "POST /v1/tokens", "POST /v1/auth/token",
    ];

    private readonly BluxFactory _factory;

    public OpenApiContractTests(BluxFactory factory)
    {
        _factory = factory;
    }

    [Fact]
    public async Task The_checked_in_document_is_the_one_the_host_serves()
    {
        var served = ContractDocument.AsCheckedIn(await ServedAsync());
        if (ContractDocument.WriteRequested)
        {
            await File.WriteAllTextAsync(ContractDocument.FilePath, ContractDocument.ToText(served), new UTF8Encoding(false));
        }

        File.Exists(ContractDocument.FilePath).Should().BeTrue("docs/openapi.json is checked in; BLUX_WRITE_OPENAPI=1 dotnet test --filter OpenApiContractTests writes it");
        var checkedIn = ContractDocument.Read();
        JsonNode.DeepEquals(checkedIn, served).Should().BeTrue(
            "docs/openapi.json must be what the host serves; regenerate it with BLUX_WRITE_OPENAPI=1 dotnet test tests/Blux.IntegrationTests --filter OpenApiContractTests. First difference: "
            + FirstDifference(checkedIn, served, "$"));
    }

    [Fact]
    public async Task The_server_is_the_origin_without_a_trailing_slash()
    {
        var document = await ServedAsync();

        document["servers"]!.AsArray().Select(s => s!["url"]!.GetValue<string>()).Should().ContainSingle()
            .Which.Should().Be("http://localhost", "the test client asks from http://localhost; a trailing slash doubles the first slash of every path");
    }

    [Fact]
    public async Task Every_operation_has_a_stable_id_a_summary_a_description_and_its_security()
    {
        var document = await ServedAsync();
        var ids = new List<string>();

        foreach (var (name, operation) in Operations(document))
        {
            var id = operation["operationId"]?.GetValue<string>();
            id.Should().NotBeNull($"{name} has an operationId").And.MatchRegex("^[a-z]+(_[a-z]+)+$", $"{name}: one scheme, <group>_<action> in snake_case");
            ids.Add(id!);
            operation["summary"]?.GetValue<string>().Should().NotBeNullOrWhiteSpace($"{name} has a summary");
            operation["description"]?.GetValue<string>().Should().NotBeNullOrWhiteSpace($"{name} has a description");
            var security = operation["security"]!.AsArray();
            if (name.EndsWith("/v1/tokens", StringComparison.Ordinal) || name.EndsWith("/v1/auth/token", StringComparison.Ordinal))
            {
                security.ToJsonString().Should().Be("""[{},{"ClientSecretBasic":[]}]""", $"{name} takes the credentials in the body (no authentication) or as HTTP Basic");
            }
            else if (Anonymous.Contains(name))
            {
                security.Should().BeEmpty($"{name} is anonymous and says so with security: []");
            }
            else
            {
                security.Should().ContainSingle($"{name} needs a bearer token").Which!["Bearer"].Should().NotBeNull();
            }
        }

        ids.Should().OnlyHaveUniqueItems();
        ids.Should().Contain(["tasks_submit", "tasks_get", "tasks_list", "audit_verify", "tokens_issue", "well_known_openid_configuration"]);
    }

    [Fact]
    public async Task Every_answer_has_a_schema_and_every_error_is_the_envelope()
    {
        var document = await ServedAsync();
        var schemas = document["components"]!["schemas"]!;
        schemas["ErrorEnvelope"]!["properties"]!["error"]!["$ref"]!.GetValue<string>().Should().Be("#/components/schemas/ErrorBody");
        schemas["ErrorBody"]!["properties"]!["timestamp"]!["format"]!.GetValue<string>().Should().Be("date-time");
        schemas["ErrorBody"]!["properties"]!["code"]!["enum"]!.AsArray().Select(c => c!.GetValue<string>())
            .Should().Contain(["VALIDATION_FAILED", "UNAUTHORIZED", "NOT_FOUND", "SERVICE_UNAVAILABLE"]);

        foreach (var (name, operation) in Operations(document))
        {
            var responses = operation["responses"]!.AsObject();
            responses.Select(r => r.Key).Should().Contain(s => s.StartsWith('2'), $"{name} answers a success");
            responses.Select(r => r.Key).Should().Contain("400", $"{name} can refuse a malformed request");
            foreach (var (status, response) in responses)
            {
                var content = response!["content"]?.AsObject();
                content.Should().NotBeNull($"{name} {status} has a body");
                content!.Select(c => c.Value!["schema"]).Should().AllSatisfy(schema => schema.Should().NotBeNull($"{name} {status} has a schema"));
                if (int.Parse(status, System.Globalization.CultureInfo.InvariantCulture) >= 400)
                {
                    content["application/json"]!["schema"]!["$ref"]!.GetValue<string>().Should().Be("#/components/schemas/ErrorEnvelope", $"{name} {status} is the envelope");
                }
            }

            if (!Anonymous.Contains(name))
            {
                responses.Select(r => r.Key).Should().Contain(["401", "403"], $"{name} needs a token and a scope");
            }
        }
    }

    [Fact]
    public async Task Query_parameters_are_declared_with_type_range_and_default()
    {
        var document = await ServedAsync();

        var wait = Parameter(document, "/v1/tasks", "post", "wait");
        wait["in"]!.GetValue<string>().Should().Be("query");
        wait["schema"]!["type"]!.GetValue<string>().Should().Be("integer");
        wait["schema"]!["minimum"]!.GetValue<int>().Should().Be(0);
        wait["schema"]!["maximum"]!.GetValue<int>().Should().Be(60);
        wait["schema"]!["default"]!.GetValue<int>().Should().Be(0);

        var status = Parameter(document, "/v1/tasks", "get", "status");
        status["schema"]!["enum"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Contain(["accepted", "completed", "timed_out", "rejected"]);
        var pageSize = Parameter(document, "/v1/tasks", "get", "page_size");
        (pageSize["schema"]!["minimum"]!.GetValue<int>(), pageSize["schema"]!["maximum"]!.GetValue<int>(), pageSize["schema"]!["default"]!.GetValue<int>()).Should().Be((1, 200, 50));
        Parameter(document, "/v1/audit", "get", "page_size")["schema"]!["maximum"]!.GetValue<int>().Should().Be(500);
        Parameter(document, "/v1/audit", "get", "since")["schema"]!["format"]!.GetValue<string>().Should().Be("date-time");
        Parameter(document, "/v1/audit/verify", "get", "from_seq")["schema"]!["minimum"]!.GetValue<int>().Should().Be(1);
        Parameter(document, "/v1/keys", "get", "key_type")["schema"]!["enum"]!.AsArray().Should().HaveCount(2);
        Parameter(document, "/v1/tasks/{taskId}", "get", "taskId")["required"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Request_bodies_require_exactly_what_Blux_requires_and_never_null()
    {
        var schemas = (await ServedAsync())["components"]!["schemas"]!;

        Required(schemas["TaskRequestBody"]!).Should().BeEquivalentTo(["type", "context"]);
        Required(schemas["TaskContextBody"]!).Should().BeEquivalentTo(["environment", "sensitivity"]);
        Required(schemas["TaskRequirementsBody"]!).Should().BeEmpty();
        Required(schemas["TokenRequestBody"]!).Should().BeEquivalentTo(["grant_type"], "the client's id and secret may come in a Basic header");
        Required(schemas["CreateIdentityBody"]!).Should().BeEquivalentTo(["kind", "display_name", "roles"]);
        foreach (var body in new[] { "TaskRequestBody", "TaskContextBody", "TokenRequestBody", "RecordAuditBody", "RotateKeyBody" })
        {
            schemas[body]!["properties"]!.ToJsonString().Should().NotContain("\"null\"", $"{body} takes no null: a member left out says none");
        }

        schemas["TaskRequestBody"]!["properties"]!["type"]!["enum"]!.AsArray().Select(t => t!.GetValue<string>())
            .Should().BeEquivalentTo(["echo", "test", "script", "data_analysis", "webhook"]);
    }

    [Fact]
    public async Task Task_views_are_typed_to_the_audit_record_hash_and_date_times_are_strings()
    {
        var document = await ServedAsync();
        var schemas = document["components"]!["schemas"]!;
        var view = schemas["TaskView"]!["properties"]!;

        view["audit_trail"]!.ToJsonString().Should().Contain("#/components/schemas/AuditRecord");
        schemas["AuditRecord"]!["properties"]!["record_hash"]!["type"]!.GetValue<string>().Should().Be("string");
        view["route"]!.ToJsonString().Should().Contain("#/components/schemas/TaskRouteView");
        view["reflection"]!.ToJsonString().Should().Contain("#/components/schemas/Reflection");
        view["result"]!.ToJsonString().Should().Contain("#/components/schemas/JsonObject");
        schemas["JsonObject"]!["type"]!.GetValue<string>().Should().Be("object");
        schemas["Reflection"]!["properties"]!["risk"]!["enum"]!.AsArray().Should().HaveCount(4);

        var dateTimes = DateTimeSchemas(document).ToArray();
        dateTimes.Should().NotBeEmpty();
        dateTimes.Should().AllSatisfy(schema => schema["type"]!.ToJsonString().Should().Contain("\"string\"", $"a date-time is a string: {schema.ToJsonString()}"));
    }

    [Fact]
    public async Task Swagger_UIs_default_example_for_submitting_a_task_is_accepted()
    {
        var document = await ServedAsync();
        var examples = document["paths"]!["/v1/tasks"]!["post"]!["requestBody"]!["content"]!["application/json"]!["examples"]!.AsObject();
        var first = examples.First().Value!["value"]!.ToJsonString();
        using var client = await _factory.AdminClientAsync();

        var response = await client.PostAsync("/v1/tasks", Json.Content(first));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        (await response.BodyAsync())["status"]!.GetValue<string>().Should().Be("accepted");
    }

    private async Task<JsonObject> ServedAsync()
    {
        using var client = _factory.CreateClient();
        var response = await client.GetAsync("/openapi/v1.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.BodyAsync();
    }

    private static IEnumerable<(string Name, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(o => o.Key is "get" or "post" or "put" or "delete" or "patch")
            .Select(o => ($"{o.Key.ToUpperInvariant()} {path.Key}", o.Value!.AsObject())));

    private static JsonNode Parameter(JsonObject document, string path, string method, string name) =>
        document["paths"]![path]![method]!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == name)!;

    private static string[] Required(JsonNode schema) =>
        schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToArray() ?? [];

    private static IEnumerable<JsonObject> DateTimeSchemas(JsonNode? node) => node switch
    {
        JsonObject obj when obj["format"] is JsonValue format && format.GetValue<string>() == "date-time" =>
            [obj, .. obj.SelectMany(p => DateTimeSchemas(p.Value))],
        JsonObject obj => obj.SelectMany(p => DateTimeSchemas(p.Value)),
        JsonArray array => array.SelectMany(DateTimeSchemas),
        _ => [],
    };

    private static string FirstDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var key in e.Select(p => p.Key).Union(a.Select(p => p.Key)))
                {
                    if (!JsonNode.DeepEquals(e[key], a[key]))
                    {
                        return FirstDifference(e[key], a[key], $"{path}.{key}");
                    }
                }

                return "none";
            case (JsonArray e, JsonArray a) when e.Count == a.Count:
                for (var i = 0; i < e.Count; i++)
                {
                    if (!JsonNode.DeepEquals(e[i], a[i]))
                    {
                        return FirstDifference(e[i], a[i], $"{path}[{i}]");
                    }
                }

                return "none";
            default:
                return $"{path}: checked in {Cut(expected)}, served {Cut(actual)}";
        }
    }

    private static string Cut(JsonNode? node) => node?.ToJsonString() is { Length: > 200 } text ? text[..200] + "…" : node?.ToJsonString() ?? "(absent)";
}
