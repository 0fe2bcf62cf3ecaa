using System.Diagnostics.Metrics;
using System.Globalization;
using Blux.Host.Health;
using Blux.Host.Telemetry;
using Blux.SharedKernel.Modules;

namespace Blux.Host.Metrics;

/// <summary>
/// Each module's health and the size of its bounded in-memory structures, read at scrape time from
/// what <c>/status/detailed</c> shows. Those reports come from memory (and the last store probe), so
/// a scrape never waits for a store.
/// </summary>
internal sealed class ModuleGauges
{
    private readonly IEnumerable<IModuleStatusProvider> _modules;
    private readonly StoreProbes _stores;

    public ModuleGauges(IMeterFactory meters, IEnumerable<IModuleStatusProvider> modules, StoreProbes stores)
    {
        _modules = modules;
        _stores = stores;
        var meter = meters.Create(HostTelemetry.MeterName);
        meter.CreateObservableGauge("blux.module.healthy", Healthy, "1", "1 when the module (with its store) reports healthy, else 0.");
        meter.CreateObservableGauge("blux.memory.entries", () => Structures("entries"), "{entry}", "Entries held by each bounded in-memory structure.");
        meter.CreateObservableGauge("blux.memory.size", () => Structures("estimated_bytes"), "By", "Estimated bytes held by each bounded in-memory structure.");
    }

    private ModuleStatus[] Statuses() => StatusEndpoints.CollectAsync(_modules, _stores, CancellationToken.None).GetAwaiter().GetResult();

    private IEnumerable<Measurement<int>> Healthy() =>
        Statuses().Select(s => new Measurement<int>(s.Status == ModuleStatus.Healthy ? 1 : 0, new KeyValuePair<string, object?>("module", s.Name)));

    private IEnumerable<Measurement<double>> Structures(string figure)
    {
        foreach (var status in Statuses())
        {
            if (status.Details.TryGetValue("memory", out var memory) && memory is IReadOnlyDictionary<string, object?> structures)
            {
                foreach (var (name, use) in structures)
                {
                    if (use is IReadOnlyDictionary<string, object?> figures && figures.TryGetValue(figure, out var value) && value is not null)
                    {
                        yield return new Measurement<double>(
                            Convert.ToDouble(value, CultureInfo.InvariantCulture),
                            new KeyValuePair<string, object?>("module", status.Name),
                            new KeyValuePair<string, object?>("structure", name));
                    }
                }
            }
        }
    }
}
