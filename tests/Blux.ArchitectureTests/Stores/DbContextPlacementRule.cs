using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Blux.ArchitectureTests.Stores;

/// <summary>Rule 7, placement: each module defines its own DbContext, and DbContexts live only in module implementations.</summary>
public static class DbContextPlacementRule
{
    public static IReadOnlyList<Type> DbContextsIn(Assembly assembly) =>
        assembly.GetTypes().Where(t => !t.IsAbstract && typeof(DbContext).IsAssignableFrom(t)).ToList();

    public static IEnumerable<string> MissingOwnContext(Assembly moduleImplementation) =>
        DbContextsIn(moduleImplementation).Count == 0
            ? [$"{moduleImplementation.GetName().Name} defines no DbContext of its own"]
            : [];

    public static IEnumerable<string> Misplaced(IEnumerable<Assembly> assemblies, IReadOnlySet<string> moduleImplementations) =>
        assemblies
            .Where(a => !moduleImplementations.Contains(a.GetName().Name!))
            .SelectMany(a => DbContextsIn(a).Select(t =>
                $"{t.FullName} is a DbContext defined in {a.GetName().Name}, outside any module implementation"));
}
