namespace Blux.Modules.Lite.Features;

/// <summary>The optional body of cancel, approve and reject: why.</summary>
internal sealed record TaskActionBody(string? Reason);
