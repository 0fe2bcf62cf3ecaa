namespace Blux.SharedKernel.Events;

/// <summary>The <c>source</c> of an event and the <c>service</c> of an audit record.</summary>
public static class BluxSources
{
    public const string Lite = "blux-lite";
    public const string Ca = "blux-ca";
    public const string Guard = "blux-guard";
    public const string Reg = "blux-reg";
}
