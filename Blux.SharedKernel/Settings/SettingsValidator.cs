using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Blux.SharedKernel.Settings;

/// <summary>
/// Checks an options class's data annotations and, when it has them, its own rules
/// (<see cref="IValidatableObject"/>), naming each setting by the name it was given (a flat
/// <c>BLUX_</c> name or its key) and showing its value as written.
/// </summary>
internal sealed class SettingsValidator<T>(string section, IConfiguration configuration) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var failures = new List<string>();
        Check(options, typeof(T), string.Empty, failures);

        if (failures.Count == 0 && options is IValidatableObject validatable)
        {
            foreach (var result in validatable.Validate(new ValidationContext(options)))
            {
                var member = result.MemberNames.First();
                var property = typeof(T).GetProperty(member)!;
                failures.Add(Refusal(member, property, property.GetValue(options), result.ErrorMessage ?? "it is not allowed"));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Every setting's rules, those of a nested group (<c>Users:PerMinute</c>) included.</summary>
    private void Check(object options, Type type, string prefix, List<string> failures)
    {
        foreach (var property in BluxSettings.Settings(type))
        {
            var value = property.GetValue(options);
            if (BluxSettings.IsGroup(property.PropertyType))
            {
                if (value is not null)
                {
                    Check(value, property.PropertyType, $"{prefix}{property.Name}:", failures);
                }
            }
            else if (property.GetCustomAttributes<ValidationAttribute>().Any(rule => !rule.IsValid(value)))
            {
                failures.Add(Refusal(prefix + property.Name, property, value, BluxSettings.Rule(property)));
            }
        }
    }

    private string Refusal(string member, PropertyInfo property, object? value, string rule)
    {
        var key = $"{section}:{member}";
        // The value as it was written when that is what was read ("300" for a time span is 300 days).
        var written = configuration[key];
        var shown = written is not null && Equals(BluxSettings.Read(property.PropertyType, written), value) ? written : BluxSettings.Invariant(value);
        return BluxSettings.Refusal(SettingAliases.NameOf(configuration, key), shown, rule);
    }
}
