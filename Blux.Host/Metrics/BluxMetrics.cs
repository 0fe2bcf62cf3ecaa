using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Blux.Host.Metrics;

/// <summary>Counters behind <c>/metrics</c>, written in the Prometheus text format.</summary>
internal sealed class BluxMetrics
{
    private static readonly double[] Buckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private readonly ConcurrentDictionary<(string Endpoint, int Status), long> _requests = new();
    private readonly ConcurrentDictionary<(string Type, string Source), long> _events = new();
    private readonly long[] _durationBuckets = new long[Buckets.Length];
    private long _durationCount;
    private long _durationMicros;

    public void RecordRequest(string endpoint, int status, TimeSpan duration)
    {
        _requests.AddOrUpdate((endpoint, status), 1, (_, n) => n + 1);
        var seconds = duration.TotalSeconds;
        for (var i = 0; i < Buckets.Length; i++)
        {
            if (seconds <= Buckets[i])
            {
                Interlocked.Increment(ref _durationBuckets[i]);
            }
        }

        Interlocked.Increment(ref _durationCount);
        Interlocked.Add(ref _durationMicros, (long)(seconds * 1_000_000));
    }

    public void RecordEvent(string eventType, string source) => _events.AddOrUpdate((eventType, source), 1, (_, n) => n + 1);

    /// <summary>Events of these types published so far, from every source.</summary>
    public long EventTotal(params string[] eventTypes) =>
        _events.Where(e => eventTypes.Contains(e.Key.Type, StringComparer.Ordinal)).Sum(e => e.Value);

    public string ToPrometheusText(IEnumerable<(string Name, string Help, string Type, IEnumerable<(string Labels, double Value)> Samples)> extra)
    {
        var text = new StringBuilder();
        text.Append("# HELP blux_requests_total HTTP requests by route and status.\n# TYPE blux_requests_total counter\n");
        foreach (var ((endpoint, status), total) in _requests.OrderBy(r => r.Key.Endpoint, StringComparer.Ordinal).ThenBy(r => r.Key.Status))
        {
            text.Append(CultureInfo.InvariantCulture, $"blux_requests_total{{endpoint=\"{Escape(endpoint)}\",status=\"{status}\"}} {total}\n");
        }

        text.Append("# HELP blux_request_duration_seconds HTTP request duration.\n# TYPE blux_request_duration_seconds histogram\n");
        for (var i = 0; i < Buckets.Length; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"blux_request_duration_seconds_bucket{{le=\"{Buckets[i]}\"}} {Interlocked.Read(ref _durationBuckets[i])}\n");
        }

        var count = Interlocked.Read(ref _durationCount);
        text.Append(CultureInfo.InvariantCulture, $"blux_request_duration_seconds_bucket{{le=\"+Inf\"}} {count}\n");
        text.Append(CultureInfo.InvariantCulture, $"blux_request_duration_seconds_sum {Interlocked.Read(ref _durationMicros) / 1_000_000.0}\n");
        text.Append(CultureInfo.InvariantCulture, $"blux_request_duration_seconds_count {count}\n");

        text.Append("# HELP blux_events_total BLUXEvents published on the bus.\n# TYPE blux_events_total counter\n");
        foreach (var ((type, source), n) in _events.OrderBy(e => e.Key.Type, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"blux_events_total{{event_type=\"{type}\",source=\"{source}\"}} {n}\n");
        }

        foreach (var (name, help, type, samples) in extra)
        {
            text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");
            foreach (var (labels, value) in samples)
            {
                text.Append(CultureInfo.InvariantCulture, $"{name}{labels} {value}\n");
            }
        }

        return text.ToString();
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
