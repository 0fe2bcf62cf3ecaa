using System.Reflection;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Blux.ArchitectureTests.Stores;

/// <summary>
/// Rule 7, entities: every entity a module's DbContext maps, and every principal its foreign keys point
/// to, is a type of the module's own assembly: no shared entities, no foreign keys across modules.
/// Shared-type entities (property bags such as implicit join tables) have no CLR type of their own, so
/// only their foreign keys are checked.
/// </summary>
public static class EntityOwnershipRule
{
    public static IEnumerable<string> Violations(string context, IModel model, Assembly owner)
    {
        foreach (var entity in model.GetEntityTypes())
        {
            if (!entity.HasSharedClrType && entity.ClrType.Assembly != owner)
            {
                yield return $"{context} maps {entity.ClrType.FullName} from {entity.ClrType.Assembly.GetName().Name}; it may map only types of {owner.GetName().Name}";
            }

            foreach (var key in entity.GetForeignKeys())
            {
                var principal = key.PrincipalEntityType;
                if (!principal.HasSharedClrType && principal.ClrType.Assembly != owner)
                {
                    yield return $"{context}: {entity.DisplayName()} has a foreign key to {principal.ClrType.FullName} from {principal.ClrType.Assembly.GetName().Name}";
                }
            }
        }
    }
}
