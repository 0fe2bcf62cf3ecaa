using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Blux.IntegrationTests.Observability;

/// <summary>
/// A scrape of <c>/metrics</c> read by a real Prometheus parser: the <c>prometheus_client</c> Python
/// library (Debian's <c>python3-prometheus-client</c>, which <c>.ci/run</c> installs when missing).
/// </summary>
internal sealed class PrometheusText
{
    private PrometheusText(IReadOnlyDictionary<string, string> families, IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Labels, double? Value)> samples)
    {
        Families = families;
        Samples = samples;
    }

    /// <summary>Metric family name → type (counter, gauge, histogram, …).</summary>
    public IReadOnlyDictionary<string, string> Families { get; }

    public IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Labels, double? Value)> Samples { get; }

    public static async Task<PrometheusText> ParseAsync(string text)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Observability", "parse_prometheus.py");
        // Debian's package serves Debian's interpreter; another python3 earlier on the PATH may not have it.
        var python3 = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var info = new ProcessStartInfo(python3) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        using var python = Process.Start(info)!;
        var output = python.StandardOutput.ReadToEndAsync();
        var errors = python.StandardError.ReadToEndAsync();
        await python.StandardInput.WriteAsync(text);
        python.StandardInput.Close();
        await python.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (python.ExitCode != 0)
        {
            throw new InvalidOperationException($"The Prometheus parser refused the scrape (exit {python.ExitCode}): {await errors}. Needs python3 with prometheus_client (apt-get install python3-prometheus-client).");
        }

        var parsed = JsonNode.Parse(await output)!;
        var families = parsed["families"]!.AsObject().ToDictionary(f => f.Key, f => f.Value!.GetValue<string>());
        var samples = parsed["samples"]!.AsArray().Select(s => (
            s![0]!.GetValue<string>(),
            (IReadOnlyDictionary<string, string>)s[1]!.AsObject().ToDictionary(l => l.Key, l => l.Value!.GetValue<string>()),
            s[2]?.GetValue<double>())).ToList();
        return new PrometheusText(families, samples);
    }

    /// <summary>Every sample name exposed (<c>x_bucket</c>, <c>x_count</c>, <c>x_sum</c> for histograms).</summary>
    public IReadOnlySet<string> SampleNames => Samples.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The sum of the samples of this name whose labels include all of <paramref name="labels"/>.</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value)).Sum(s => s.Value ?? 0);

    public bool Has(string name, params (string Label, string Value)[] labels) =>
        Samples.Any(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value));
}
