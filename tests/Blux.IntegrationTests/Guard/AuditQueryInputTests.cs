using System.Net;
using System.Net.Http.Headers;
using Blux.IntegrationTests.Infrastructure;

namespace Blux.IntegrationTests.Guard;

/// <summary>Hostile query strings and headers on the audit and doctrine reads: a clear 400 naming the parameter, never a 500.</summary>
public sealed class AuditQueryInputTests : IClassFixture<BluxFactory>
{
    private readonly BluxFactory _factory;

    public AuditQueryInputTests(BluxFactory factory) => _factory = factory;

    [Theory]
    [InlineData("/v1/audit?since=tuesday", "since", "invalid_format")]
    [InlineData("/v1/audit?until=2026-13-45T99:00:00Z", "until", "invalid_format")]
    [InlineData("/v1/audit?since=%ED%A0%80", "since", "invalid_format")]
    [InlineData("/v1/audit?since=2026-01-01T00:00:00Z&since=2026-01-02T00:00:00Z", "since", "invalid_format")]
    [InlineData("/v1/audit?page_size=0", "page_size", "invalid_value")]
    [InlineData("/v1/audit?page_size=501", "page_size", "invalid_value")]
    [InlineData("/v1/audit?page_size=2147483648", "page_size", "invalid_value")]
    [InlineData("/v1/audit?page_size=99999999999999999999999999", "page_size", "invalid_value")]
    [InlineData("/v1/audit?page_size=-1", "page_size", "invalid_value")]
    [InlineData("/v1/audit?page_size=1&page_size=2", "page_size", "invalid_value")]
    [InlineData("/v1/audit?page_token=-5", "page_token", "invalid_value")]
    [InlineData("/v1/audit?page_token=1e3", "page_token", "invalid_value")]
    [InlineData("/v1/audit?since=tuesday&page_size=0", "since", "invalid_format")]
    [InlineData("/v1/audit/verify?from_seq=0", "from_seq", "invalid_value")]
    [InlineData("/v1/audit/verify?to_seq=head", "to_seq", "invalid_value")]
    [InlineData("/v1/audit/verify?from_seq=99999999999999999999999999", "from_seq", "invalid_value")]
    public async Task A_bad_parameter_is_refused_naming_it(string path, string field, string issue)
    {
        using var client = await _factory.AdminClientAsync();

        var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = (await response.BodyAsync())["error"]!;
        error["code"]!.GetValue<string>().Should().Be("VALIDATION_FAILED");
        error["details"]!["field"]!.GetValue<string>().Should().Be(field);
        error["details"]!["issue"]!.GetValue<string>().Should().Be(issue);
    }

    [Theory]
    [InlineData("service=%ED%A0%80")]
    [InlineData("identity=%F0%9F%98%80%00")]
    [InlineData("operation=a&operation=b")]
    [InlineData("status=%EF%BF%BF")]
    public async Task A_filter_that_matches_nothing_answers_an_empty_page(string filter)
    {
        using var client = await _factory.AdminClientAsync();

        var response = await client.GetAsync("/v1/audit?" + filter);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await response.BodyAsync();
        page["entries"]!.AsArray().Should().BeEmpty();
        page["next_page_token"].Should().BeNull();
    }

    [Fact]
    public async Task The_largest_page_and_the_default_page_are_served()
    {
        using var client = await _factory.AdminClientAsync();
        for (var i = 0; i < 3; i++)
        {
            (await client.PostAsync("/v1/audit", Json.Content("{\"service\":\"paging\",\"operation\":\"p\"}"))).EnsureSuccessStatusCode();
        }

        var largest = await (await client.GetAsync("/v1/audit?service=paging&page_size=500")).BodyAsync();
        var byDefault = await (await client.GetAsync("/v1/audit?service=paging&page_size=")).BodyAsync();

        largest["entries"]!.AsArray().Should().HaveCount(3);
        byDefault["entries"]!.AsArray().Should().HaveCount(3);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("TRUE", false)]
    [InlineData("yes", false)]
    public async Task The_policy_history_carries_documents_only_when_asked_with_true(string documents, bool carried)
    {
        using var client = await _factory.AdminClientAsync();

        var response = await client.GetAsync("/v1/policies/history?documents=" + documents);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var entries = (await response.BodyAsync())["entries"]!.AsArray();
        entries.Should().NotBeEmpty();
        entries.All(e => e!.AsObject().ContainsKey("document")).Should().Be(carried);
    }

    [Theory]
    [InlineData("Last-Event-ID", "not-a-seq")]
    [InlineData("Last-Event-ID", "-1")]
    [InlineData("Last-Event-ID", "99999999999999999999999999")]
    public async Task A_stream_resumed_from_no_seq_starts_live(string header, string value)
    {
        using var client = await _factory.AdminClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/audit/stream");
        request.Headers.TryAddWithoutValidation(header, value);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        (await reader.ReadLineAsync(timeout.Token)).Should().Be(": connected");
    }

    [Fact]
    public async Task A_stream_resumed_from_a_seq_replays_the_records_after_it_first()
    {
        using var client = await _factory.AdminClientAsync();
        var first = await (await client.PostAsync("/v1/audit", Json.Content("{\"service\":\"resume\",\"operation\":\"one\"}"))).BodyAsync();
        var second = await (await client.PostAsync("/v1/audit", Json.Content("{\"service\":\"resume\",\"operation\":\"two\"}"))).BodyAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/audit/stream?from_seq={first["seq"]}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var lines = new List<string>();
        while (lines.LastOrDefault() != ": connected")
        {
            lines.Add(await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException());
        }

        lines.Should().Contain($"id: {second["seq"]}").And.NotContain($"id: {first["seq"]}");
        lines.IndexOf($"id: {second["seq"]}").Should().BeLessThan(lines.IndexOf(": connected"));
    }
}
