using System.Diagnostics;
using System.Globalization;
using Blux.Modules.Guard.Contracts;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Durable signed audit appends with concurrent writers inside one Blux process, without HTTP: each
/// writer sends AppendAudit on the bus and waits for its record to be durable, as modules do.
/// </summary>
internal static class InProcessAppends
{
    private const int WarmUpSeconds = 10;

    public static async Task<int> RunAsync(int writers, int seconds)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "blux-load-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                builder.UseSetting("BLUX_DATA_PATH", dataDir);
                builder.UseSetting("BLUX_LOG_PATH", Path.Combine(dataDir, "logs"));
                builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            });
            _ = factory.Services;

            var entry = new AuditEntry
            {
                Service = "load",
                Operation = "load.append",
                Identity = "service:load",
                Status = AuditStatuses.Success,
                Data = new System.Text.Json.Nodes.JsonObject { ["client"] = "blux-load" },
            };
            var latencies = new List<double>[writers];

            // The same load, unmeasured, until the JIT has tiered the hot path up.
            await RunWritersAsync(factory.Services, entry, writers, TimeSpan.FromSeconds(WarmUpSeconds), new List<double>[writers]);
            var wall = await RunWritersAsync(factory.Services, entry, writers, TimeSpan.FromSeconds(seconds), latencies);
            var all = latencies.SelectMany(l => l).Order().ToArray();
            double Percentile(double p) => all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"audit-inproc: {all.Length} durable appends in {wall:0.0} s with {writers} writers (after {WarmUpSeconds} s warm-up) -> {all.Length / wall:0} appends/s; latency ms p50 {Percentile(0.50):0.0}, p99 {Percentile(0.99):0.0}"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    /// <summary>Each writer sends its next append when the last is durable; returns the seconds it ran.</summary>
    private static async Task<double> RunWritersAsync(IServiceProvider services, AuditEntry entry, int writers, TimeSpan duration, List<double>[] latencies)
    {
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(200_000);
            await using var scope = services.CreateAsyncScope();
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            while (stop.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                await sender.Send(new AppendAudit(entry));
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        return stop.Elapsed.TotalSeconds;
    }
}
