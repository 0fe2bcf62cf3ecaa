using System.CodeDom.Compiler;
using System.Reflection;
using Blux.ArchitectureTests.Catalog;

namespace Blux.ArchitectureTests.References;

/// <summary>
/// Rule 4, second half: only Blux.Host carries the source-generated mediator. The generator leaves no
/// assembly reference behind, but it stamps every type it emits (Mediator.Mediator, the handler
/// wrappers, AddMediator's extension class) with <see cref="GeneratedCodeAttribute"/>, so that is what
/// is looked for; with GenerateTypesAsInternal those types are internal, hence the reflection over all types.
/// </summary>
public static class MediatorGeneratorRule
{
    public const string Generator = "Mediator.SourceGenerator";

    public const string GeneratedMediator = "Mediator.Mediator";

    public static IEnumerable<Type> GeneratedTypes(Assembly assembly) =>
        assembly.GetTypes().Where(t =>
            t.FullName == GeneratedMediator || t.GetCustomAttribute<GeneratedCodeAttribute>()?.Tool == Generator);

    public static IEnumerable<string> Violations(IEnumerable<Assembly> assemblies) =>
        assemblies
            .Where(a => a.GetName().Name != BluxModules.Host)
            .SelectMany(a => GeneratedTypes(a).Select(t =>
                $"{a.GetName().Name} carries {t.FullName}, emitted by {Generator}; only {BluxModules.Host} may reference the generator"));
}
