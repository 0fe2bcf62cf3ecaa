namespace Blux.Modules.Lite.Domain;

/// <summary>The <c>route</c> of a task: what was chosen and why.</summary>
internal sealed record TaskRoute(string SelectedRoute, string Rationale, IReadOnlyList<string> DoctrineFlags);
