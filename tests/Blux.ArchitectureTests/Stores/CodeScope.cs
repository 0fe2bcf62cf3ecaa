using System.Reflection;

namespace Blux.ArchitectureTests.Stores;

/// <summary>The types of one owner: a whole assembly, or one namespace of it.</summary>
public sealed record CodeScope(string Owner, Assembly Assembly, string? Namespace = null);
