namespace Blux.Host.Telemetry;

/// <summary>The names under which the host publishes its own telemetry; each module has its own beside it.</summary>
internal static class HostTelemetry
{
    public const string MeterName = "Blux.Host";

    /// <summary>Every Blux meter and activity source: the host's and each module's (<c>Blux.Modules.Lite</c>, …).</summary>
    public const string AllBlux = "Blux.*";
}
