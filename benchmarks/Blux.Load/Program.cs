using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

// A closed-loop load generator for a running Blux on this machine: N clients, each sending its next
// request when the last one is answered, for a fixed time. Prints throughput and latency percentiles.
//
// dotnet run -c Release --project benchmarks/Blux.Load -- <scenario> [clients] [seconds] [url] [data-dir]
//
// Blux's per-identity rate limits (100 requests a minute for admin) would refuse most of the load:
// start the measured Blux with Blux__RateLimits__Enabled=false. The tool says when they are on, and
// counts their 429s apart from other failures.
//
// scenarios: audit         POST /v1/audit (one durable, signed append each)
//            tasks         POST /v1/tasks?wait=10 with an echo task at audit_level detailed (the whole flow)
//            audit-inproc  AppendAudit on the bus of a Blux started inside this process (no HTTP; url and
//                          data-dir are not used)
internal static class BluxLoad
{
    public static async Task<int> Main(string[] args)
    {
        var scenario = args.ElementAtOrDefault(0) ?? "audit";
        var clients = int.Parse(args.ElementAtOrDefault(1) ?? "32", CultureInfo.InvariantCulture);
        var seconds = int.Parse(args.ElementAtOrDefault(2) ?? "20", CultureInfo.InvariantCulture);
        var baseUrl = new Uri(args.ElementAtOrDefault(3) ?? "http://127.0.0.1:8080");
        var dataDir = args.ElementAtOrDefault(4) ?? "./data";

        if (scenario is not ("audit" or "tasks" or "audit-inproc") || clients < 1 || seconds is < 1 or > 600)
        {
            Console.Error.WriteLine("usage: Blux.Load <audit|tasks|audit-inproc> [clients 1..] [seconds 1..600] [url] [data-dir]");
            return 2;
        }

        if (scenario == "audit-inproc")
        {
            return await InProcessAppends.RunAsync(clients, seconds);
        }

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var secret = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dataDir, "bootstrap-admin.json"))).RootElement.GetProperty("client_secret").GetString();
        var tokenResponse = await http.PostAsJsonAsync("/v1/tokens", new { grant_type = "client_credentials", client_id = "admin", client_secret = secret });
        tokenResponse.EnsureSuccessStatusCode();
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var (path, body) = scenario == "audit"
            ? ("/v1/audit", """{"service":"load","operation":"load.append","status":"success","data":{"client":"blux-load"}}""")
            : ("/v1/tasks?wait=10", """{"type":"echo","context":{"user_id":"load","environment":"development","sensitivity":"low"},"doctrine_requirements":{"require_reflection":false,"sandbox_execution":true,"audit_level":"detailed"},"payload":{"n":1}}""");

        // Warm up connections, JIT and the token cache before measuring.
        for (var i = 0; i < clients; i++)
        {
            using var warmup = (await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
            if (i == 0)
            {
                Console.WriteLine(warmup.Headers.TryGetValues("X-RateLimit-Limit", out var limit)
                    ? $"rate limits: ON, {limit.First()} requests a minute for this identity; the load measures the limits. Start Blux with Blux__RateLimits__Enabled=false to measure Blux."
                    : "rate limits: off (Blux__RateLimits__Enabled=false)");
            }
        }

        var latencies = new List<double>[clients];
        var failures = 0;
        var refused = 0;
        var stop = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var mine = latencies[c] = new List<double>(100_000);
            while (stop.Elapsed < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.IsSuccessStatusCode)
                {
                    mine.Add(elapsed);
                }
                else if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
                {
                    Interlocked.Increment(ref refused);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        var wall = stop.Elapsed.TotalSeconds;

        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{scenario}: {all.Length} ok, {refused} refused (429), {failures} failed in {wall:0.0} s with {clients} clients -> {all.Length / wall:0} req/s; latency ms p50 {Percentile(0.50):0.0}, p90 {Percentile(0.90):0.0}, p99 {Percentile(0.99):0.0}, max {(all.Length == 0 ? 0 : all[^1]):0.0}"));
        return failures == 0 && refused == 0 ? 0 : 1;
    }
}
