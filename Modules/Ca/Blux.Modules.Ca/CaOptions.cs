using System.ComponentModel.DataAnnotations;

namespace Blux.Modules.Ca;

/// <summary>The <c>Blux:Ca</c> settings, bound and checked before Blux starts.</summary>
internal sealed class CaOptions
{
    public const string Section = "Blux:Ca";

    /// <summary>How long a request that asks for reflection waits for its note to be saved; Guard's store timeout when not set.</summary>
    [Range(1, 3600)]
    public int? StoreTimeoutSeconds { get; set; }
}
