using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Reg;

namespace Blux.IntegrationTests.Observability;

/// <summary>
/// <c>/metrics</c> read by a real Prometheus parser: the metrics move when a task runs, and the Grafana
/// dashboard in docs/grafana asks only for metrics Blux exposes.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed partial class MetricsTests : IClassFixture<MetricsTests.Host>
{
    private readonly Host _host;

    public MetricsTests(Host host) => _host = host;

    [Fact]
    public async Task A_task_moves_the_task_audit_http_and_reflection_metrics()
    {
        using var admin = await _host.AdminClientAsync();
        var before = await ScrapeAsync(admin);

        var request = TaskRequest.WholeFlow("echo");
        var answer = await admin.PostAsync("/v1/tasks?wait=30", Json.Content(request.ToJsonString()));
        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());

        var after = await EventuallyAsync(admin, m => m.Sum("blux_tasks_finished_total", ("task_type", "echo")) > before.Sum("blux_tasks_finished_total", ("task_type", "echo")));
        Delta(before, after, "blux_tasks_submitted_total", ("task_type", "echo"), ("task_status", "queued")).Should().Be(1);
        Delta(before, after, "blux_tasks_finished_total", ("task_type", "echo"), ("task_status", "completed")).Should().Be(1);
        Delta(before, after, "blux_task_duration_seconds_count", ("task_type", "echo"), ("task_status", "completed")).Should().Be(1);
        Delta(before, after, "blux_reflections_total").Should().Be(1, "the request asked for reflection");
        Delta(before, after, "blux_audit_appends_total").Should().BeGreaterThanOrEqualTo(2, "task.create and task.execute at least");
        Delta(before, after, "blux_audit_batch_size_count").Should().BeGreaterThanOrEqualTo(1);
        Delta(before, after, "blux_audit_append_duration_seconds_count").Should().BeGreaterThanOrEqualTo(2);
        Delta(before, after, "blux_events_published_total", ("event_type", "TaskCompleted")).Should().Be(1);
        Delta(before, after, "http_server_request_duration_seconds_count", ("http_route", "/v1/tasks"), ("http_request_method", "POST"), ("http_response_status_code", "200"))
            .Should().Be(1, "requests are counted by route template and status");

        after.Families["blux_task_duration_seconds"].Should().Be("histogram");
        after.Has("blux_tasks_queue_depth").Should().BeTrue();
        after.Has("blux_tasks_running").Should().BeTrue();
        after.Has("blux_keys_age_seconds", ("key_type", "token_signing")).Should().BeTrue();
        after.Has("blux_keys_age_seconds", ("key_type", "audit_signing")).Should().BeTrue();
        after.Has("blux_audit_checkpoint_age_seconds").Should().BeTrue("a checkpoint follows every record in this host");
        after.Sum("blux_module_healthy", ("module", "blux-guard")).Should().Be(1);
        after.Has("blux_memory_size_bytes", ("module", "blux-lite"), ("structure", "recent_task_rows")).Should().BeTrue();
        after.Sum("blux_memory_entries", ("module", "blux-guard"), ("structure", "replay_memory")).Should().BePositive("the request chose its task_id");
        after.Has("dotnet_gc_last_collection_heap_size_bytes").Should().BeTrue();
        after.SampleNames.Should().Contain(name => name.StartsWith("dotnet_gc_", StringComparison.Ordinal), "the .NET runtime metrics are exported");
    }

    [Fact]
    public async Task A_refused_request_is_counted_by_policy_and_window()
    {
        using var admin = await _host.AdminClientAsync();
        var before = await ScrapeAsync(admin);

        await _host.SpendServiceBudgetAsync();

        var after = await EventuallyAsync(admin, m => m.Sum("blux_rate_limit_refusals_total") > before.Sum("blux_rate_limit_refusals_total"));
        Delta(before, after, "blux_rate_limit_refusals_total", ("blux_rate_limit_policy", "services"), ("blux_rate_limit_window", "minute")).Should().Be(1);
    }

    [Fact]
    public async Task The_grafana_dashboard_imports_and_asks_only_for_exposed_metrics()
    {
        using var admin = await _host.AdminClientAsync();
        await admin.PostAsync("/v1/tasks?wait=30", Json.Content(TaskRequest.WholeFlow("echo").ToJsonString()));
        await _host.SpendServiceBudgetAsync();

        var exposed = (await EventuallyAsync(admin, m => m.Has("blux_rate_limit_refusals_total"))).SampleNames;

        var dashboard = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "docs", "grafana", "blux-dashboard.json")))!.AsObject();
        dashboard["title"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        dashboard["uid"]!.GetValue<string>().Should().MatchRegex("^[a-zA-Z0-9_-]{1,40}$", "Grafana refuses longer uids");
        dashboard["schemaVersion"]!.GetValue<int>().Should().BeGreaterThan(30);
        dashboard["templating"]!["list"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()).Should().Contain("datasource");

        var panels = dashboard["panels"]!.AsArray().Select(p => p!.AsObject()).ToList();
        panels.Should().HaveCountGreaterThanOrEqualTo(8);
        panels.Select(p => p["id"]!.GetValue<int>()).Should().OnlyHaveUniqueItems();
        var asked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var panel in panels)
        {
            panel["title"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
            panel["gridPos"]!["w"]!.GetValue<int>().Should().BeInRange(1, 24);
            var targets = panel["targets"]!.AsArray();
            targets.Should().NotBeEmpty($"panel '{panel["title"]}' shows something");
            foreach (var target in targets)
            {
                var expression = target!["expr"]!.GetValue<string>();
                var names = MetricName().Matches(LabelsAndGrouping().Replace(expression, " ")).Select(m => m.Value).ToList();
                names.Should().NotBeEmpty($"'{expression}' asks for a metric");
                asked.UnionWith(names);
            }
        }

        asked.Except(exposed).Should().BeEmpty("every metric the dashboard asks for is on /metrics");
        asked.Should().Contain(["http_server_request_duration_seconds_bucket", "blux_tasks_queue_depth", "blux_rate_limit_refusals_total", "blux_audit_checkpoint_age_seconds"]);
    }

    private static double Delta(PrometheusText before, PrometheusText after, string name, params (string, string)[] labels) =>
        after.Sum(name, labels) - before.Sum(name, labels);

    private static async Task<PrometheusText> ScrapeAsync(HttpClient client)
    {
        var response = await client.GetAsync("/metrics");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        return await PrometheusText.ParseAsync(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The exporter caches a scrape for a moment: scrape until the condition holds, for at most 10 s.</summary>
    private static Task<PrometheusText> EventuallyAsync(HttpClient client, Func<PrometheusText, bool> condition) =>
        Eventually.Async(() => ScrapeAsync(client), condition, "a scrape shows the change", TimeSpan.FromSeconds(10));

    /// <summary>Label matchers and <c>by (…)</c> lists, whose label names look like metric names.</summary>
    [GeneratedRegex(@"\{[^}]*\}|\b(?:by|without)\s*\([^)]*\)")]
    private static partial Regex LabelsAndGrouping();

    /// <summary>Metric names in a PromQL expression (once labels are taken out): Blux's own, the HTTP server's and the runtime's.</summary>
    [GeneratedRegex(@"\b(?:blux|http|dotnet|kestrel|aspnetcore)_[a-z0-9_]+\b")]
    private static partial Regex MetricName();

    /// <summary>A host that checkpoints after every record, and whose services may send 5 requests a minute.</summary>
    public sealed class Host : IDisposable
    {
        private const int ServiceBudget = 5;
        private readonly BluxFactory _factory = new();

        public Host()
        {
            _factory.Settings["Blux:Guard:CheckpointEveryRecords"] = "1";
            _factory.Settings["Blux:RateLimits:Services:PerMinute"] = ServiceBudget.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public Task<HttpClient> AdminClientAsync() => _factory.AdminClientAsync();

        /// <summary>A new service sends requests until one is refused (the budget and one: a minute is long enough for six calls).</summary>
        public async Task SpendServiceBudgetAsync()
        {
            var (id, secret) = await _factory.CreateIdentityAsync("service", ["service"]);
            using var service = await _factory.ClientAsync(id, secret);
            for (var call = 0; call <= ServiceBudget; call++)
            {
                if ((await service.GetAsync("/v1/tasks")).StatusCode == HttpStatusCode.TooManyRequests)
                {
                    return;
                }
            }

            throw new InvalidOperationException($"No refusal after {ServiceBudget + 1} calls within the service's minute.");
        }

        public void Dispose() => _factory.Dispose();
    }
}
