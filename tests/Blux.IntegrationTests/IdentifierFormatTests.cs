using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Lite;
using Blux.IntegrationTests.Reg;

namespace Blux.IntegrationTests;

/// <summary>
/// Identifiers match their pattern whole: a value with a line break after a valid name (which a
/// pattern ending in <c>$</c> lets through) is refused for every kind of identifier a client names,
/// and nothing is created under it.
/// </summary>
public sealed class IdentifierFormatTests : IClassFixture<BluxFactory>
{
    private readonly BluxFactory _factory;

    public IdentifierFormatTests(BluxFactory factory) => _factory = factory;

    /// <summary>Endings that follow a valid name: the line feed <c>$</c> allows, and its neighbours.</summary>
    public static TheoryData<string> Endings() => new() { "\n", "\r\n", "\n\n", "\r", "\u2028", "\0" };

    [Theory]
    [MemberData(nameof(Endings))]
    public async Task An_identity_id_with_a_line_break_is_refused_and_not_created(string ending)
    {
        using var admin = await _factory.AdminClientAsync();
        var id = "evil" + Guid.NewGuid().ToString("N")[..8];

        var response = await admin.PostAsJsonAsync("/v1/identities", new { id = id + ending, kind = "user", display_name = "Evil", roles = new[] { "auditor" } });

        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", "id", "invalid_format");
        (await admin.GetAsync($"/v1/identities/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Endings))]
    public async Task A_task_id_with_a_line_break_is_refused_and_no_task_exists(string ending)
    {
        using var client = await _factory.AdminClientAsync();
        var request = TaskRequest.Create("echo");
        var id = request.Id();
        request["task_id"] = id + ending;

        var response = await client.PostAsync("/v1/tasks", Json.Content(request.ToJsonString()));

        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", "task_id", "invalid_format");
        (await client.GetAsync($"/v1/tasks/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Endings))]
    public async Task A_jwk_kid_with_a_line_break_is_refused(string ending)
    {
        using var admin = await _factory.AdminClientAsync();
        var (key, jwk) = RegApi.NewRequestKey("client-" + Guid.NewGuid().ToString("N")[..8] + ending);
        key.Dispose();

        var response = await admin.PostAsync("/v1/identities/admin/keys", Json.Content(new JsonObject { ["jwk"] = jwk }.ToJsonString()));

        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", "jwk.kid", "invalid_format");
    }

    [Theory]
    [InlineData("x%0A")]
    [InlineData("x%0D%0A")]
    [InlineData("x%0A%0A")]
    [InlineData("x%E2%80%A8")]
    public async Task A_dataset_name_with_a_line_break_is_refused_and_no_file_is_written(string escapedName)
    {
        using var client = await _factory.AdminClientAsync();

        var response = await client.PutAsync($"/v1/datasets/{escapedName}", new StringContent("a,b\n1,2\n", System.Text.Encoding.UTF8, "text/csv"));

        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", "name", "invalid_format");
        var datasets = Path.Combine(_factory.DataPath, "datasets");
        (Directory.Exists(datasets) ? Directory.GetFiles(datasets) : []).Should().NotContain(f => Path.GetFileName(f).StartsWith("x", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Endings))]
    public async Task A_data_reference_with_a_line_break_is_refused_at_submit(string ending)
    {
        using var client = await _factory.AdminClientAsync();
        (await client.PutDatasetAsync("sales", "a,b\n1,2\n")).IsSuccessStatusCode.Should().BeTrue();
        var request = TaskRequest.Create("data_analysis", new JsonObject { ["operation"] = "analyze", ["data_references"] = new JsonArray("ref://data/sales" + ending) });

        var response = await client.PostAsync("/v1/tasks", Json.Content(request.ToJsonString()));

        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", "payload.data_references[0]", "invalid_reference");
    }

    [Theory]
    [InlineData("input_hash")]
    [InlineData("output_hash")]
    public async Task An_external_audit_hash_with_a_line_break_is_refused_and_nothing_is_appended(string member)
    {
        using var client = await _factory.AdminClientAsync();
        var head = await HeadAsync(client);
        var record = new JsonObject { ["service"] = "billing", ["operation"] = "invoice.sent", [member] = "sha256-" + new string('a', 64) + "\n" };

        var response = await client.PostAsync("/v1/audit", Json.Content(record.ToJsonString()));

        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", member, "invalid_format");
        (await HeadAsync(client)).Should().Be(head);
    }

    [Fact]
    public async Task A_dataset_in_bytes_that_are_not_utf8_is_refused_rather_than_stored_with_replacement_characters()
    {
        using var client = await _factory.AdminClientAsync();
        var content = new ByteArrayContent([.. "name,city\nann,"u8, 0xff, 0xfe, .. "\n"u8]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");

        var response = await client.PutAsync("/v1/datasets/cities", content);

        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", "body", "invalid_unicode");
        (await (await client.GetAsync("/v1/datasets")).Content.ReadAsStringAsync()).Should().NotContain("cities");
    }

    private static async Task<long> HeadAsync(HttpClient client) =>
        (await (await client.GetAsync("/v1/audit/verify")).BodyAsync())["head"]!["seq"]!.GetValue<long>();
}
