using NetArchTest.Rules;

namespace Blux.ArchitectureTests.Stores;

/// <summary>
/// Rule 7, sharing: no code outside a DbContext's owner depends on it (signatures or method bodies,
/// read from IL by NetArchTest), so no module reads another module's store through its context.
/// </summary>
public static class DbContextReferenceRule
{
    public static IEnumerable<string> Violations(IReadOnlyCollection<OwnedDbContext> contexts, IEnumerable<CodeScope> scopes)
    {
        foreach (var scope in scopes)
        {
            var types = Types.InAssembly(scope.Assembly);
            foreach (var context in contexts.Where(c => c.Owner != scope.Owner))
            {
                var condition = scope.Namespace is null
                    ? types.Should()
                    : types.That().ResideInNamespace(scope.Namespace).Should();
                var result = condition.NotHaveDependencyOnAny(context.Type.FullName!).GetResult();
                foreach (var failing in result.FailingTypes ?? [])
                {
                    yield return $"{failing.FullName} ({scope.Owner}) depends on {context.Type.FullName}, which belongs to {context.Owner}";
                }
            }
        }
    }
}
