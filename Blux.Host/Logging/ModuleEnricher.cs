using Serilog.Core;
using Serilog.Events;

namespace Blux.Host.Logging;

/// <summary>Adds the <c>Module</c> property (lite, ca, guard, reg, host) from the logger's source type.</summary>
internal sealed class ModuleEnricher : ILogEventEnricher
{
    private const string Prefix = "\"Blux.Modules.";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (logEvent.Properties.ContainsKey("Module"))
        {
            return;
        }

        var module = "host";
        if (logEvent.Properties.TryGetValue("SourceContext", out var source))
        {
            var text = source.ToString();
            if (text.StartsWith(Prefix, StringComparison.Ordinal))
            {
                var rest = text[Prefix.Length..];
                var dot = rest.IndexOf('.', StringComparison.Ordinal);
                module = (dot < 0 ? rest.TrimEnd('"') : rest[..dot]).ToLowerInvariant();
            }
        }

        logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("Module", module));
    }
}
