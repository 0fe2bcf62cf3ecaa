using System.Diagnostics.Metrics;

namespace Blux.Modules.Ca.Reflection;

/// <summary>Ca's meter: reflections made, by the risk and recommendation they found.</summary>
internal sealed class CaMetrics(IMeterFactory meters)
{
    public const string MeterName = "Blux.Modules.Ca";

    private readonly Counter<long> _reflections = meters.Create(MeterName)
        .CreateCounter<long>("blux.reflections", "{reflection}", "Reflections saved for a task (dry runs are not counted), by risk and recommendation.");

    public void Reflected(string risk, string recommendation) =>
        _reflections.Add(1, new KeyValuePair<string, object?>("ca.risk", risk), new KeyValuePair<string, object?>("ca.recommendation", recommendation));
}
