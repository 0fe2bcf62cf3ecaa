using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace Blux.SharedKernel.Stores;

/// <summary>
/// Names each column after its property in snake case (<c>CreatedAt</c> is <c>created_at</c>), the
/// stores' one naming rule, so a mapping states a column's name only where it breaks the rule.
/// Tables keep the names their configurations give them.
/// </summary>
public sealed class SnakeCaseColumnNames : IPropertyAddedConvention
{
    public void ProcessPropertyAdded(IConventionPropertyBuilder propertyBuilder, IConventionContext<IConventionPropertyBuilder> context) =>
        propertyBuilder.HasColumnName(ToSnakeCase(propertyBuilder.Metadata.Name));

    /// <summary>An underscore before each capital that starts a word: after a lower-case letter or a digit, or before the last capital of an acronym.</summary>
    public static string ToSnakeCase(string name)
    {
        var snake = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0
                && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                snake.Append('_');
            }

            snake.Append(char.ToLowerInvariant(c));
        }

        return snake.ToString();
    }
}
