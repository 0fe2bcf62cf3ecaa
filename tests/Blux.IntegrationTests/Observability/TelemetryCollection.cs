namespace Blux.IntegrationTests.Observability;

/// <summary>
/// Two things are process-wide in a test run with many hosts: OpenTelemetry listens to meters by
/// name (a host's <c>/metrics</c> would show other hosts' instruments), and Serilog writes through the
/// static logger of the host built last (a host's log file would get other hosts' lines). The tests
/// that read <c>/metrics</c> or a log file run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}
