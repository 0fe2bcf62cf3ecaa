using System.Net;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;

namespace Blux.IntegrationTests.Lite;

/// <summary>Datasets and the analysis route: upload, list, statistics, and every way a dataset or reference can be wrong.</summary>
public sealed class AnalysisRouteTests : IClassFixture<BluxFactory>
{
    private const string Sales = "region,units,price,note\nnorth,10,2.5,ok\nsouth,20,3.5,\nnorth,,4.5,\"late, but \"\"fine\"\"\"\neast,30,1.5,NA\n";
    private readonly BluxFactory _factory;

    public AnalysisRouteTests(BluxFactory factory) => _factory = factory;

    private static JsonObject Analyze(params string[] references) =>
        TaskRequest.Create("data_analysis", new JsonObject { ["operation"] = "analyze", ["data_references"] = new JsonArray(references.Select(r => (JsonNode)r!).ToArray()) });

    [Fact]
    public async Task An_uploaded_dataset_is_listed_and_analysed_column_by_column()
    {
        using var client = await _factory.AdminClientAsync();
        var put = await client.PutDatasetAsync("sales", Sales);
        put.StatusCode.Should().Be(HttpStatusCode.Created);
        var info = await put.BodyAsync();
        info["reference"]!.GetValue<string>().Should().Be("ref://data/sales");
        info["rows"]!.GetValue<long>().Should().Be(4);
        info["sha256"]!.GetValue<string>().Should().StartWith("sha256-");

        var listed = await (await client.GetAsync("/v1/datasets")).BodyAsync();
        listed["datasets"]!.AsArray().Select(d => d!["name"]!.GetValue<string>()).Should().Contain("sales");

        var request = Analyze("ref://data/sales");
        await client.SubmitAsync(request);
        var task = await client.FinishedAsync(request.Id());

        task["status"]!.GetValue<string>().Should().Be("completed", task.ToJsonString());
        task["route"]!["selected_route"]!.GetValue<string>().Should().Be("analysis");
        var dataset = task["result"]!["datasets"]![0]!;
        dataset["rows"]!.GetValue<int>().Should().Be(4);
        dataset["truncated"]!.GetValue<bool>().Should().BeFalse();
        var columns = dataset["columns"]!.AsArray().ToDictionary(c => c!["name"]!.GetValue<string>(), c => c!);

        var units = columns["units"];
        units["type"]!.GetValue<string>().Should().Be("number");
        units["count"]!.GetValue<long>().Should().Be(3);
        units["nulls"]!.GetValue<long>().Should().Be(1);
        units["min"]!.GetValue<double>().Should().Be(10);
        units["max"]!.GetValue<double>().Should().Be(30);
        units["mean"]!.GetValue<double>().Should().Be(20);
        units["stddev"]!.GetValue<double>().Should().BeApproximately(10, 1e-9);
        units["distinct"]!.GetValue<long>().Should().Be(3);

        var price = columns["price"];
        price["mean"]!.GetValue<double>().Should().Be(3);
        price["stddev"]!.GetValue<double>().Should().BeApproximately(1.2909944487358056, 1e-12);

        var region = columns["region"];
        region["type"]!.GetValue<string>().Should().Be("string");
        region["min"]!.GetValue<string>().Should().Be("east");
        region["max"]!.GetValue<string>().Should().Be("south");
        region["distinct"]!.GetValue<long>().Should().Be(3);
        region["mean"].Should().BeNull();

        var note = columns["note"];
        note["count"]!.GetValue<long>().Should().Be(2);
        note["nulls"]!.GetValue<long>().Should().Be(2);
        note["max"]!.GetValue<string>().Should().Be("ok");
        note["min"]!.GetValue<string>().Should().Be("late, but \"fine\"");
    }

    [Fact]
    public async Task Replacing_a_dataset_is_200_and_the_new_content_is_analysed()
    {
        using var client = await _factory.AdminClientAsync();
        (await client.PutDatasetAsync("replaced", "a\n1\n")).StatusCode.Should().Be(HttpStatusCode.Created);

        var again = await client.PutDatasetAsync("replaced", "a\n5\n7\n");

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        var request = Analyze("ref://data/replaced");
        await client.SubmitAsync(request);
        var column = (await client.FinishedAsync(request.Id()))["result"]!["datasets"]![0]!["columns"]![0]!;
        column["mean"]!.GetValue<double>().Should().Be(6);
    }

    [Theory]
    [InlineData("a,b\n1,2\n3\n", 3, "field_count")]
    [InlineData("a,b\n1,2\n3,4,5\n", 3, "field_count")]
    [InlineData("a,b\n1,\"open\n2,3\n", 2, "unterminated_quote")]
    [InlineData("a,b\n1,x\"y\n", 2, "stray_quote")]
    [InlineData("a,b\n\"q\"x,1\n", 2, "text_after_quote")]
    [InlineData("a,a\n1,2\n", 1, "duplicate_column")]
    [InlineData("a,\n1,2\n", 1, "empty_column_name")]
    [InlineData("", 1, "no_header")]
    public async Task Malformed_csv_is_400_naming_the_line_and_nothing_is_stored(string csv, int line, string issue)
    {
        using var client = await _factory.AdminClientAsync();
        var name = "bad" + Guid.NewGuid().ToString("N")[..8];

        var response = await client.PutDatasetAsync(name, csv);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await response.BodyAsync();
        body.ShouldBeError("VALIDATION_FAILED", issue);
        body["error"]!["details"]!["line"]!.GetValue<int>().Should().Be(line);
        body["error"]!["message"]!.GetValue<string>().Should().StartWith($"Line {line}:");
        var listed = await (await client.GetAsync("/v1/datasets")).BodyAsync();
        listed["datasets"]!.AsArray().Select(d => d!["name"]!.GetValue<string>()).Should().NotContain(name);
    }

    [Fact]
    public async Task A_dataset_must_be_sent_as_text_csv_under_a_valid_name()
    {
        using var client = await _factory.AdminClientAsync();

        var json = await client.PutDatasetAsync("asjson", "{\"a\":1}", "application/json");
        json.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await json.BodyAsync()).ShouldBeError("VALIDATION_FAILED", "unsupported_media_type");

        var badName = await client.PutDatasetAsync(".hidden", "a\n1\n");
        badName.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badName.BodyAsync()).ShouldBeError("VALIDATION_FAILED", "invalid_format");
    }

    [Fact]
    public async Task An_oversize_dataset_is_413()
    {
        using var client = await _factory.AdminClientAsync();

        var response = await client.PutDatasetAsync("huge", "a\n" + string.Concat(Enumerable.Repeat("123456789\n", 120_000)));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.BodyAsync())["error"]!["code"]!.GetValue<string>().Should().Be("PAYLOAD_TOO_LARGE");
    }

    [Fact]
    public async Task Datasets_need_the_data_scopes()
    {
        using var client = await _factory.AdminClientAsync("tasks:read tasks:write");

        (await client.PutDatasetAsync("noscope", "a\n1\n")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync("/v1/datasets")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("ref://data/nope", "payload.data_references[0]", "unknown_dataset")]
    [InlineData("https://example.org/x.csv", "payload.data_references[0]", "invalid_reference")]
    [InlineData("ref://data/../etc/passwd", "payload.data_references[0]", "invalid_reference")]
    public async Task A_bad_reference_is_400_and_no_task_is_created(string reference, string field, string issue)
    {
        using var client = await _factory.AdminClientAsync();
        var request = Analyze(reference);

        var body = await client.SubmitAsync(request, HttpStatusCode.BadRequest);

        body.ShouldBeError("VALIDATION_FAILED", issue);
        body["error"]!["details"]!["field"]!.GetValue<string>().Should().Be(field);
        (await client.GetAsync($"/v1/tasks/{request.Id()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_analysis_without_references_is_400()
    {
        using var client = await _factory.AdminClientAsync();

        var body = await client.SubmitAsync(TaskRequest.Create("data_analysis", new JsonObject { ["operation"] = "analyze" }), HttpStatusCode.BadRequest);

        body.ShouldBeError("VALIDATION_FAILED", "missing_field");
    }

    [Fact]
    public async Task A_data_source_outside_the_doctrines_allowed_list_is_denied_and_audited()
    {
        var factory = new BluxFactory();
        await using var stop = HostStop.Owned(factory);
        using var client = await factory.AdminClientAsync();
        (await client.PutDatasetAsync("secret-payroll", "a\n1\n")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await client.PutDatasetAsync("public-prices", "a\n1\n")).StatusCode.Should().Be(HttpStatusCode.Created);
        await client.SetConstraintsAsync(allowedDataSources: ["ref://data/public-*"]);

        var denied = Analyze("ref://data/secret-payroll");
        var body = await client.SubmitAsync(denied, HttpStatusCode.Forbidden);
        body["error"]!["audit_id"]!.GetValue<string>().Should().StartWith("aud_err_");
        body["error"]!["message"]!.GetValue<string>().Should().Contain("allowed_data_sources");
        var task = await client.GetTaskAsync(denied.Id());
        task["status"]!.GetValue<string>().Should().Be("rejected");

        var allowed = Analyze("ref://data/public-prices");
        await client.SubmitAsync(allowed);
        (await client.FinishedAsync(allowed.Id()))["status"]!.GetValue<string>().Should().Be("completed");
    }
}
