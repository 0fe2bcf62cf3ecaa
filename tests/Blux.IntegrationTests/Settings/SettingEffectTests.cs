using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Deployment;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Lite;

namespace Blux.IntegrationTests.Settings;

/// <summary>
/// A documented setting given a value other than its default changes what Blux does; each test
/// shows a difference the default would not make. The table in <see cref="DocumentedSettings"/>
/// names these tests, or the ones elsewhere that show it for the other settings.
/// </summary>
[Collection(DeploymentCollection.Name)]
public sealed class SettingEffectTests : IDisposable
{
    private readonly string _root = TestDirectory.New();

    [Theory]
    [InlineData("BLUX_REG_TOKEN_TTL", "120")]
    [InlineData("Blux:Reg:TokenTtlSeconds", "90")]
    public async Task The_token_lifetime_is_the_configured_one_by_either_name(string setting, string seconds)
    {
        using var factory = new BluxFactory();
        factory.Settings[setting] = seconds;
        using var client = factory.CreateClient();

        var response = await BluxTokens.RequestAsync(client, "admin", factory.AdminSecret);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.BodyAsync())["expires_in"]!.GetValue<long>().Should().Be(long.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_configured_bootstrap_secret_is_the_admin_secret_and_no_file_is_written()
    {
        using var factory = new BluxFactory();
        factory.Settings["BLUX_BOOTSTRAP_ADMIN_SECRET"] = "a-secret-the-operator-chose-0123456789";
        using var client = factory.CreateClient();

        var response = await BluxTokens.RequestAsync(client, "admin", "a-secret-the-operator-chose-0123456789");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        File.Exists(Path.Combine(factory.DataPath, "bootstrap-admin.json")).Should().BeFalse();
    }

    [Fact]
    public async Task A_signed_request_just_outside_the_configured_freshness_window_is_refused()
    {
        using var factory = new BluxFactory();
        factory.Settings["Blux:Guard:FreshnessWindow"] = "00:00:30";
        using var client = await factory.AdminClientAsync();
        using var signer = await RequestSigner.RegisterAsync(client);

        // 45 s old is within the default 300 s, and outside 30 s.
        var stale = await client.PostAsync("/v1/tasks", Json.Content(signer.Sign(TaskRequest.Guide("echo"), DateTimeOffset.UtcNow.AddSeconds(-45)).ToJsonString()));
        var fresh = await client.PostAsync("/v1/tasks", Json.Content(signer.Sign(TaskRequest.Guide("echo"), DateTimeOffset.UtcNow.AddSeconds(-15)).ToJsonString()));

        stale.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await stale.BodyAsync()).ShouldBeError("VALIDATION_FAILED", "expired_timestamp");
        fresh.StatusCode.Should().Be(HttpStatusCode.Accepted, await fresh.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_over_the_configured_limit_is_413_naming_it()
    {
        using var factory = new BluxFactory();
        factory.Settings["Blux:MaxRequestBodyBytes"] = "2048";
        using var client = await factory.AdminClientAsync();
        var request = TaskRequest.Create("echo", new JsonObject { ["filler"] = new string('x', 3000) });

        var response = await client.PostAsync("/v1/tasks", Json.Content(request.ToJsonString()));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.BodyAsync())["error"]!["details"]!["limit_bytes"]!.GetValue<long>().Should().Be(2048);
    }

    [Fact]
    public async Task A_checkpoint_is_signed_after_the_configured_seconds()
    {
        using var factory = new BluxFactory();
        factory.Settings["Blux:Guard:CheckpointEverySeconds"] = "1";
        using var client = await factory.AdminClientAsync();

        // The default (60 s, or 1000 records) would sign none of the few records of a new store in this time.
        var latest = await Eventually.Async(
            () => client.GetAsync("/v1/audit/checkpoints/latest"),
            response => response.StatusCode == HttpStatusCode.OK,
            "a checkpoint is signed within a second or so of the first records");

        (await latest.BodyAsync())["signature"]!.GetValue<string>().Should().StartWith("es512-");
    }

    [Fact]
    public async Task The_settings_that_size_memory_and_work_are_the_ones_shown_in_the_status()
    {
        using var factory = new BluxFactory();
        factory.Settings["Blux:Lite:Workers"] = "3";
        factory.Settings["Blux:Guard:ReplayMemoryBytes"] = "2097152";
        using var client = await factory.AdminClientAsync();

        var modules = (await (await client.GetAsync("/status/detailed")).BodyAsync())["modules"]!;

        modules["blux-lite"]!["details"]!["workers"]!.GetValue<int>().Should().Be(3);
        modules["blux-guard"]!["details"]!["memory"]!["replay_memory"]!["max_bytes"]!.GetValue<long>().Should().BeInRange(2097152 - 192, 2097152);
    }

    [Fact]
    public async Task The_configured_redact_keys_are_the_ones_redacted()
    {
        using var factory = new BluxFactory();
        factory.Settings["Blux:Guard:RedactKeys:0"] = "invoice";
        using var client = await factory.AdminClientAsync();

        var receipt = await (await client.PostAsync("/v1/audit", Json.Content("""
            {"service":"billing","operation":"invoice.sent","status":"success","data":{"invoice":"inv_1","password":"hunter2"}}
            """))).BodyAsync();
        var data = (await (await client.GetAsync($"/v1/audit/{receipt["audit_id"]}")).BodyAsync())["data"]!;

        // The first key of the shipped list (password) is replaced by the configured one.
        data["invoice"]!.GetValue<string>().Should().Be("[REDACTED]");
        data["password"]!.GetValue<string>().Should().Be("hunter2");
    }

    [Fact]
    public async Task A_failing_task_is_tried_the_configured_number_of_times()
    {
        using var factory = new BluxFactory();
        factory.Settings["Blux:Lite:MaxAttempts"] = "1";
        factory.Settings["Blux:Lite:Webhooks:Retries"] = "0";
        factory.Settings["Blux:Lite:Webhooks:Targets:closed"] = "http://127.0.0.1:1/";
        using var client = await factory.AdminClientAsync();
        var request = TaskRequest.Create("webhook", new JsonObject { ["target"] = "closed" });

        await client.SubmitAsync(request);
        var task = await client.FinishedAsync(request.Id());

        task["status"]!.GetValue<string>().Should().Be("failed", task.ToJsonString());
        task["attempts"]!.GetValue<int>().Should().Be(1, "the default would try a transient failure three times");
    }

    [Fact]
    public async Task A_wait_above_the_configured_maximum_is_refused()
    {
        using var factory = new BluxFactory();
        factory.Settings["Blux:Lite:MaxWaitSeconds"] = "5";
        using var client = await factory.AdminClientAsync();

        var above = await client.PostAsync("/v1/tasks?wait=6", Json.Content(TaskRequest.Create("echo").ToJsonString()));
        var within = await client.PostAsync("/v1/tasks?wait=5", Json.Content(TaskRequest.Create("echo").ToJsonString()));

        above.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await above.BodyAsync()).ShouldBeError("VALIDATION_FAILED", "invalid_value");
        within.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Scripts_and_analyses_stop_at_the_configured_limits()
    {
        using var factory = new BluxFactory();
        factory.Settings["Blux:Lite:MaxScriptStatements"] = "1000";
        factory.Settings["Blux:Lite:MaxScriptRecursion"] = "16";
        factory.Settings["Blux:Lite:MaxScriptOutputBytes"] = "1000";
        factory.Settings["Blux:Lite:MaxAnalysisRows"] = "2";
        using var client = await factory.AdminClientAsync();
        (await client.PutDatasetAsync("five", "n\n1\n2\n3\n4\n5\n")).StatusCode.Should().Be(HttpStatusCode.Created);

        // Each is far within the defaults (2,000,000,000 statements, 256 calls deep, 1 MiB, 100,000 rows).
        (await ScriptErrorAsync(client, "let n = 0; for (let i = 0; i < 5000; i++) { n += i; } n")).Should().Be("STATEMENT_LIMIT");
        (await ScriptErrorAsync(client, "function f(n) { return n === 0 ? 0 : 1 + f(n - 1); } f(40)")).Should().Be("RECURSION_LIMIT");
        (await ScriptErrorAsync(client, "'x'.repeat(5000)")).Should().Be("OUTPUT_TOO_LARGE");
        var analysis = TaskRequest.Create("data_analysis", new JsonObject { ["operation"] = "analyze", ["data_references"] = new JsonArray("ref://data/five") });
        await client.SubmitAsync(analysis);
        var dataset = (await client.FinishedAsync(analysis.Id()))["result"]!["datasets"]![0]!;
        dataset["rows"]!.GetValue<int>().Should().Be(2);
        dataset["truncated"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task The_configured_log_level_leaves_information_out_of_the_log()
    {
        using var factory = new BluxFactory();
        factory.Settings["Serilog:MinimumLevel:Default"] = "Warning";
        factory.Settings["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Warning";
        using var client = await factory.AdminClientAsync();

        // A new store logs its bootstrap identity as a warning, and its keys and doctrine as information.
        var logs = Path.Combine(factory.DataPath, "logs");
        var text = await Eventually.Async(
            () => Task.FromResult(ReadLogs(logs)),
            logged => logged.Contains("[WRN]", StringComparison.Ordinal),
            "the bootstrap warning reaches the log file");

        text.Should().NotContain("[INF]");
    }

    [Fact]
    public async Task The_keys_of_the_flat_names_take_effect_and_the_flat_names_win()
    {
        var dataPath = Path.Combine(_root, "by-key", "data");
        var logPath = Path.Combine(_root, "by-key", "logs");
        var masterKey = Path.Combine(_root, "by-key", "keys", "master.key");
        var port = HostProcess.FreePort();
        var byKey = HostProcess.StartInfo(dataPath, new Dictionary<string, string>
        {
            ["Blux__DataPath"] = dataPath,
            ["Blux__LogPath"] = logPath,
            ["Blux__Reg__MasterKeyPath"] = masterKey,
            ["Blux__Environment"] = "production",
            ["Blux__Listen"] = $"http://127.0.0.1:{port}",
        });
        Unset(byKey, "BLUX_DATA_PATH", "BLUX_LOG_PATH", "BLUX_ENV");
        await using (var host = await HostProcess.StartAsync(byKey, $"http://127.0.0.1:{port}"))
        {
            File.Exists(masterKey).Should().BeTrue();
            File.Exists(Path.Combine(dataPath, "master.key")).Should().BeFalse();
            Directory.GetFiles(logPath, "blux-*.log").Should().ContainSingle();
            using var client = await host.AdminClientAsync(dataPath);
            var unsigned = await client.PostAsync("/v1/tasks", Json.Content(TaskRequest.Create("echo").ToJsonString()));
            (await unsigned.BodyAsync()).ShouldBeError("VALIDATION_FAILED", "missing_signature");
        }

        var flatDataPath = Path.Combine(_root, "by-name", "data");
        var ignoredPath = Path.Combine(_root, "by-name", "ignored");
        await using (var host = await HostProcess.StartAsync(HostProcess.StartInfo(flatDataPath, new Dictionary<string, string> { ["Blux__DataPath"] = ignoredPath, ["Blux__Environment"] = "production" }, "--urls", $"http://127.0.0.1:{port}"), $"http://127.0.0.1:{port}"))
        {
            Directory.Exists(ignoredPath).Should().BeFalse();
            using var client = await host.AdminClientAsync(flatDataPath);
            (await client.PostAsync("/v1/tasks", Json.Content(TaskRequest.Create("echo").ToJsonString()))).StatusCode.Should().Be(HttpStatusCode.Accepted, "BLUX_ENV=development wins over Blux:Environment");
        }
    }

    public void Dispose() => TestDirectory.Delete(_root);

    private static void Unset(ProcessStartInfo info, params string[] names)
    {
        foreach (var name in names)
        {
            info.Environment.Remove(name);
        }
    }

    private static string ReadLogs(string directory) =>
        Directory.Exists(directory)
            ? string.Concat(Directory.GetFiles(directory, "blux-*.log").Select(f =>
            {
                using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                return new StreamReader(stream).ReadToEnd();
            }))
            : string.Empty;

    private static async Task<string> ScriptErrorAsync(HttpClient client, string source)
    {
        var request = TaskRequest.Create("script", new JsonObject { ["language"] = "javascript", ["source"] = source });
        await client.SubmitAsync(request);
        var task = await client.FinishedAsync(request.Id());
        task["status"]!.GetValue<string>().Should().Be("failed", task.ToJsonString());
        return task["error"]!["code"]!.GetValue<string>();
    }
}
