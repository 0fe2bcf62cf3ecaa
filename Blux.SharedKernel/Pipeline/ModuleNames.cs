namespace Blux.SharedKernel.Pipeline;

/// <summary>Maps a type to the module that owns it, for the <c>Module</c> log property.</summary>
public static class ModuleNames
{
    public static string Of(Type type)
    {
        var ns = type.Namespace ?? string.Empty;
        const string prefix = "Blux.Modules.";
        if (!ns.StartsWith(prefix, StringComparison.Ordinal))
        {
            return "host";
        }

        var rest = ns[prefix.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return (dot < 0 ? rest : rest[..dot]).ToLowerInvariant();
    }
}
