using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;

namespace Blux.IntegrationTests.Guard;

/// <summary>POST /v1/audit, the filtered and paged list, checkpoints, export and the live stream.</summary>
public sealed class AuditApiTests : IClassFixture<AuditApiTests.CheckpointingFactory>
{
    private readonly CheckpointingFactory _factory;

    public AuditApiTests(CheckpointingFactory factory) => _factory = factory;

    [Fact]
    public async Task External_records_are_appended_signed_and_attributed_to_the_caller()
    {
        using var client = await _factory.AdminClientAsync();

        var response = await client.PostAsync("/v1/audit", Json.Content("""
            {"service":"billing","operation":"invoice.sent","status":"success","duration_ms":12,
             "data":{"invoice":"inv_1","password":"hunter2","nested":{"api_key":"k-123"}}}
            """));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var receipt = await response.BodyAsync();
        receipt["signature"]!.GetValue<string>().Should().StartWith("es512-");
        var record = await (await client.GetAsync($"/v1/audit/{receipt["audit_id"]}")).BodyAsync();
        record["identity"]!.GetValue<string>().Should().Be("user:admin");
        record["seq"]!.GetValue<long>().Should().Be(receipt["seq"]!.GetValue<long>());
        record["record_hash"]!.GetValue<string>().Should().Be(receipt["record_hash"]!.GetValue<string>());
        record["data"]!["invoice"]!.GetValue<string>().Should().Be("inv_1");
        record["data"]!["password"]!.GetValue<string>().Should().Be("[REDACTED]");
        record["data"]!["nested"]!["api_key"]!.GetValue<string>().Should().Be("[REDACTED]");
        record.ToJsonString().Should().NotContain("hunter2").And.NotContain("k-123");
    }

    [Theory]
    [InlineData("{\"operation\":\"x\"}", "service", "missing_field")]
    [InlineData("{\"service\":\"blux-guard\",\"operation\":\"x\"}", "service", "reserved")]
    [InlineData("{\"service\":\"billing\"}", "operation", "missing_field")]
    [InlineData("{\"service\":\"billing\",\"operation\":\"x\",\"input_hash\":\"md5-abc\"}", "input_hash", "invalid_format")]
    [InlineData("{\"service\":\"billing\",\"operation\":\"x\",\"status\":\"maybe\"}", "status", "unknown_value")]
    [InlineData("{\"service\":\"billing\",\"operation\":\"x\",\"duration_ms\":\"slow\"}", "duration_ms", "wrong_type")]
    [InlineData("{\"service\":\"billing\",\"operation\":\"x\",\"audit_level\":\"everything\"}", "audit_level", "unknown_value")]
    [InlineData("{\"service\":\"billing\",\"operation\":\"x\",\"audit_level\":\"Detailed\"}", "audit_level", "unknown_value")]
    [InlineData("{\"service\":\"billing\",\"operation\":\"x\",\"audit_level\":2}", "audit_level", "wrong_type")]
    public async Task Bad_external_records_are_refused_naming_the_field(string body, string field, string issue)
    {
        using var client = await _factory.AdminClientAsync();

        var response = await client.PostAsync("/v1/audit", Json.Content(body));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var details = (await response.BodyAsync())["error"]!["details"]!;
        details["field"]!.GetValue<string>().Should().Be(field);
        details["issue"]!.GetValue<string>().Should().Be(issue);
    }

    [Fact]
    public async Task The_list_filters_and_pages_in_chain_order()
    {
        using var client = await _factory.AdminClientAsync();
        var service = "svc-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 5; i++)
        {
            (await client.PostAsync("/v1/audit", Json.Content($"{{\"service\":\"{service}\",\"operation\":\"op.{i % 2}\",\"status\":\"success\"}}"))).EnsureSuccessStatusCode();
        }

        var seen = new List<long>();
        string? token = null;
        do
        {
            var page = await (await client.GetAsync($"/v1/audit?service={service}&page_size=2" + (token is null ? string.Empty : $"&page_token={token}"))).BodyAsync();
            seen.AddRange(page["entries"]!.AsArray().Select(e => e!["seq"]!.GetValue<long>()));
            token = page["next_page_token"]?.GetValue<string>();
        }
        while (token is not null);

        seen.Should().HaveCount(5).And.BeInAscendingOrder();
        var odd = await (await client.GetAsync($"/v1/audit?service={service}&operation=op.1")).BodyAsync();
        odd["entries"]!.AsArray().Should().HaveCount(2);
        var none = await (await client.GetAsync($"/v1/audit?service={service}&since=2999-01-01T00:00:00Z")).BodyAsync();
        none["entries"]!.AsArray().Should().BeEmpty();
        (await client.GetAsync("/v1/audit?page_size=0")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/v1/audit?since=tuesday")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Checkpoints_are_signed_and_the_latest_is_served()
    {
        using var client = await _factory.AdminClientAsync();
        for (var i = 0; i < CheckpointingFactory.Every + 1; i++)
        {
            (await client.PostAsync("/v1/audit", Json.Content("{\"service\":\"billing\",\"operation\":\"tick\"}"))).EnsureSuccessStatusCode();
        }

        var checkpoint = await (await client.GetAsync("/v1/audit/checkpoints/latest")).BodyAsync();

        checkpoint["checkpoint_id"]!.GetValue<string>().Should().StartWith("chk_");
        checkpoint["signature"]!.GetValue<string>().Should().StartWith("es512-");
        var atSeq = await (await client.GetAsync($"/v1/audit?page_token={checkpoint["seq"]!.GetValue<long>() - 1}&page_size=1")).BodyAsync();
        atSeq["entries"]![0]!["record_hash"]!.GetValue<string>().Should().Be(checkpoint["head_hash"]!.GetValue<string>());
        var verify = await (await client.GetAsync("/v1/audit/verify")).BodyAsync();
        verify["valid"]!.GetValue<bool>().Should().BeTrue();
        verify["checkpoints_verified"]!.GetValue<int>().Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Export_is_json_lines_with_keys_records_and_checkpoints()
    {
        using var client = await _factory.AdminClientAsync();
        for (var i = 0; i < CheckpointingFactory.Every; i++)
        {
            (await client.PostAsync("/v1/audit", Json.Content("{\"service\":\"billing\",\"operation\":\"export.me\"}"))).EnsureSuccessStatusCode();
        }

        var response = await client.GetAsync("/v1/audit/export");

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/x-ndjson");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToArray();
        lines[0]["kind"]!.GetValue<string>().Should().Be("keys");
        lines[0]["keys"]!.AsArray().Should().NotBeEmpty();
        var records = lines.Where(l => l["kind"]!.GetValue<string>() == "record").Select(l => l["record"]!["seq"]!.GetValue<long>()).ToArray();
        records.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        records.First().Should().Be(1);
        lines.Should().Contain(l => l["kind"]!.GetValue<string>() == "checkpoint");
    }

    [Fact]
    public async Task The_stream_tails_new_records_as_server_sent_events()
    {
        using var client = await _factory.AdminClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/audit/stream");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        (await reader.ReadLineAsync()).Should().Be(": connected");

        var receipt = await (await client.PostAsync("/v1/audit", Json.Content("{\"service\":\"billing\",\"operation\":\"streamed\"}"))).BodyAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string? data = null;
        while (data is null)
        {
            var line = await reader.ReadLineAsync(timeout.Token);
            if (line is not null && line.StartsWith("data: ", StringComparison.Ordinal) && line.Contains(receipt["audit_id"]!.GetValue<string>(), StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
        }

        JsonNode.Parse(data)!["operation"]!.GetValue<string>().Should().Be("streamed");
    }

    /// <summary>Checkpoints every few records, so tests see them without writing a thousand.</summary>
    public sealed class CheckpointingFactory : IDisposable
    {
        public const int Every = 5;
        private readonly BluxFactory _inner = new();

        public CheckpointingFactory() => _inner.Settings["Blux:Guard:CheckpointEveryRecords"] = Every.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public Task<HttpClient> AdminClientAsync(string? scope = null) => _inner.AdminClientAsync(scope);

        public void Dispose() => _inner.Dispose();
    }
}
