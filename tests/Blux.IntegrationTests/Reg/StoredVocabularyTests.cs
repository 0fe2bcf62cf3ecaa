using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Blux.SharedKernel;
using Microsoft.Data.Sqlite;

namespace Blux.IntegrationTests.Reg;

/// <summary>
/// reg.db holds a key's status and an identity's kind and status as the texts clients see. A store this
/// version wrote opens to the same answers; a text it never writes is not read as anything: the start is
/// refused naming the rows, and a row that turns unreadable under a running host grants nothing.
/// </summary>
public sealed class StoredVocabularyTests : IDisposable
{
    private readonly string _dataPath = TestDirectory.New();

    public void Dispose() => TestDirectory.Delete(_dataPath);

    [Fact]
    public async Task A_store_this_version_wrote_keeps_the_texts_and_opens_to_the_same_answers()
    {
        JsonObject before;
        await using (var host = BluxFactory.On(_dataPath))
        {
            await host.CreateIdentityAsync("service", ["service"], "svc_vocab");
            await host.CreateIdentityAsync("user", ["operator"], "user_vocab");
            using var admin = await host.AdminClientAsync();
            (await admin.PostAsync("/v1/identities/user_vocab/disable", null)).StatusCode.Should().Be(HttpStatusCode.OK);
            var pending = await admin.PostAsJsonAsync("/v1/keys/rotate", new { key_type = "token_signing", rotation_reason = "next", valid_after = BluxTime.ToText(DateTimeOffset.UtcNow.AddDays(1)) });
            pending.StatusCode.Should().Be(HttpStatusCode.Created, await pending.Content.ReadAsStringAsync());
            var rotated = await (await admin.PostAsJsonAsync("/v1/keys/rotate", new { key_type = "audit_signing", rotation_reason = "now" })).BodyAsync();
            var replaced = rotated["previous"]!["key_id"]!.GetValue<string>();
            (await admin.PostAsJsonAsync($"/v1/keys/{replaced}/revoke", new { reason = "test" })).StatusCode.Should().Be(HttpStatusCode.OK);
            before = await AnswersAsync(admin);
        }

        Texts("SELECT DISTINCT status FROM signing_keys").Should().BeEquivalentTo("pending", "active", "revoked");
        Texts("SELECT DISTINCT kind || '/' || status FROM identities").Should().BeEquivalentTo("user/active", "service/active", "user/disabled");
        before["keys"]!["keys"]!.AsArray().Select(k => k!["status"]!.GetValue<string>()).Should().BeEquivalentTo("active", "pending", "revoked", "active");
        before["identities"]!["identities"]!.AsArray().Select(i => i!["status"]!.GetValue<string>()).Should().Contain("disabled");

        await using (var again = BluxFactory.On(_dataPath))
        {
            using var admin = await again.AdminClientAsync();
            var after = await AnswersAsync(admin);
            JsonNode.DeepEquals(after, before).Should().BeTrue($"before: {before.ToJsonString()}{Environment.NewLine}after: {after.ToJsonString()}");
        }
    }

    [Fact]
    public async Task A_store_holding_a_text_Blux_never_writes_does_not_start_and_the_refusal_names_each_row()
    {
        var host = await HostProcess.StartAsync(_dataPath);
        await using (host)
        {
            using var admin = await host.AdminClientAsync(_dataPath);
            var created = await admin.PostAsJsonAsync("/v1/identities", new { id = "svc_vocab", kind = "service", display_name = "Vocabulary", roles = new[] { "service" } });
            created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            (await host.StopAsync()).Should().Be(0, string.Join(Environment.NewLine, host.Output));
        }

        var tokenKey = Texts("SELECT key_id FROM signing_keys WHERE key_type = 'token_signing'").Single();
        Execute($"UPDATE signing_keys SET status = 'expired' WHERE key_id = '{tokenKey}'");
        Execute("UPDATE identities SET status = 'Active' WHERE id = 'svc_vocab'");
        var keysBefore = Texts("SELECT key_id FROM signing_keys");

        var (exitCode, output) = await HostProcess.RunUntilExitAsync(_dataPath);

        var report = string.Join(Environment.NewLine, output);
        exitCode.Should().Be(1, report);
        output.Should().ContainSingle(l => l.Contains("Blux did not start", StringComparison.Ordinal), report).Which.Should()
            .Contain(Path.Combine(_dataPath, "reg.db") + ": it holds values this version of Blux never writes")
            .And.Contain($"signing key \"{tokenKey}\" has status \"expired\", not pending, active, retired or revoked")
            .And.Contain("identity \"svc_vocab\" has status \"Active\", not active or disabled")
            .And.NotContain("--accept-store-reset", "accepting a reset would not make the rows readable");
        output.Should().NotContain(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal), "a refusal is one line, not a stack trace");
        Texts("SELECT key_id FROM signing_keys").Should().Equal(keysBefore, "no key is made to stand in for one whose status is unknown");
    }

    [Fact]
    public async Task An_identity_whose_status_turns_unreadable_under_a_running_host_gets_no_token()
    {
        await using var host = BluxFactory.On(_dataPath);
        var (id, secret) = await host.CreateIdentityAsync("service", ["service"], "svc_vocab");
        (await host.RequestTokenAsync(id, secret)).StatusCode.Should().Be(HttpStatusCode.OK);

        Execute("UPDATE identities SET status = 'enabled' WHERE id = 'svc_vocab'");

        var refused = await host.RequestTokenAsync(id, secret);
        var body = await refused.Content.ReadAsStringAsync();
        await refused.ShouldFailAsync(HttpStatusCode.InternalServerError, "INTERNAL_ERROR", null, null);
        body.Should().NotContain("access_token").And.NotContain("enabled", "the answer carries no internal detail");
        using var admin = await host.AdminClientAsync();
        (await admin.GetAsync("/v1/identities/svc_vocab")).StatusCode.Should().Be(HttpStatusCode.InternalServerError);
    }

    private static async Task<JsonObject> AnswersAsync(HttpClient admin) => new()
    {
        ["keys"] = await (await admin.GetAsync("/v1/keys")).BodyAsync(),
        ["identities"] = await (await admin.GetAsync("/v1/identities")).BodyAsync(),
        ["jwks"] = await (await admin.GetAsync("/.well-known/jwks.json")).BodyAsync(),
    };

    private List<string> Texts(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var texts = new List<string>();
        while (reader.Read())
        {
            texts.Add(reader.GetString(0));
        }

        return texts;
    }

    private void Execute(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery().Should().Be(1, sql);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_dataPath, "reg.db")};Pooling=False");
        connection.Open();
        return connection;
    }
}
