using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Blux.SharedKernel.Settings;

/// <summary>
/// Every settings section is bound onto its options class with the options pattern and checked before
/// Blux starts: a value that is not of the setting's type, a key the section does not have, or a value
/// outside the setting's rule (its <see cref="RangeAttribute"/>, or the class's
/// <see cref="IValidatableObject"/>) fails with <see cref="OptionsValidationException"/>, one message
/// per setting in the form <c>&lt;setting&gt; is '&lt;value&gt;': &lt;what is allowed&gt;.</c>
/// </summary>
public static class BluxSettings
{
    private const int ShownLength = 200;

    /// <summary>
    /// Binds <paramref name="section"/> onto <typeparamref name="T"/> and checks it at start-up. A key
    /// under the section that is neither a property of <typeparamref name="T"/> nor one of
    /// <paramref name="otherKeys"/> (read elsewhere) is refused, unless <paramref name="otherKeys"/> is
    /// null: a misspelt setting must not be ignored in silence.
    /// </summary>
    public static OptionsBuilder<T> AddBluxSettings<T>(this IServiceCollection services, string section, params string[]? otherKeys)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(sp => new SettingsValidator<T>(section, sp.GetRequiredService<IConfiguration>()));

        // Registered before the binding, so a value the binder could not convert is refused with its name first.
        return services.AddOptions<T>()
            .Configure<IConfiguration>((_, configuration) => RefuseUnreadable(typeof(T), configuration, section, otherKeys))
            .BindConfiguration(section)
            .ValidateOnStart();
    }

    /// <summary>The one line that refuses a setting: <c>&lt;setting&gt; is '&lt;value&gt;': &lt;rule&gt;.</c></summary>
    public static string Refusal(string setting, string? value, string rule) => $"{setting} is '{Shown(value)}': {rule}.";

    /// <summary>The bindable settings of an options class: public properties with a public setter.</summary>
    internal static IEnumerable<PropertyInfo> Settings(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0);

    /// <summary>What a setting allows, from its type and its range.</summary>
    internal static string Rule(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var kind = type == typeof(int) || type == typeof(long) ? "a whole number"
            : type == typeof(double) ? "a number"
            : type == typeof(TimeSpan) ? "a time span (hh:mm:ss)"
            : type == typeof(bool) ? "true or false"
            : type.IsArray ? $"a list, one value a key: {property.Name}:0, {property.Name}:1, …"
            : "text";
        return property.GetCustomAttribute<RangeAttribute>() is { } range
            ? $"it must be {kind} from {Invariant(range.Minimum)} to {Invariant(range.Maximum)}"
            : $"it must be {kind}";
    }

    internal static string? Invariant(object? value) => value switch
    {
        null => null,
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>A property that holds a group of settings of its own (<c>Users</c> of <c>Users:PerMinute</c>).</summary>
    internal static bool IsGroup(Type type) => type.IsClass && type != typeof(string) && !type.IsArray;

    private static void RefuseUnreadable(Type type, IConfiguration configuration, string section, string[]? otherKeys)
    {
        var failures = new List<string>();
        RefuseUnreadable(type, configuration, section, otherKeys, failures);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, type, failures);
        }
    }

    private static void RefuseUnreadable(Type type, IConfiguration configuration, string section, string[]? otherKeys, List<string> failures)
    {
        var settings = Settings(type).ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in configuration.GetSection(section).GetChildren())
        {
            var name = SettingAliases.NameOf(configuration, child.Path);
            var value = ValueOf(child);
            if (!settings.TryGetValue(child.Key, out var property))
            {
                if (otherKeys is not null && !otherKeys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
                {
                    var known = string.Join(", ", settings.Keys.Concat(otherKeys).Order(StringComparer.Ordinal));
                    failures.Add(Refusal(name, value ?? "…", $"Blux has no such setting; {section} takes {known}"));
                }
            }
            else if (IsGroup(property.PropertyType))
            {
                // A group's keys are settings too: a misspelt or unreadable one is refused the same way.
                RefuseUnreadable(property.PropertyType, configuration, child.Path, [], failures);
            }
            else if (value is not null && !Converts(property.PropertyType, value))
            {
                failures.Add(Refusal(name, value, Rule(property)));
            }
        }
    }

    /// <summary>
    /// A key's own value. Some sources give a section with keys under it an empty value of its own
    /// (a list's <c>Key:0</c> makes <c>Key</c> ""): that is no value.
    /// </summary>
    public static string? ValueOf(IConfigurationSection setting) =>
        setting.Value is { Length: 0 } && setting.GetChildren().Any() ? null : setting.Value;

    /// <summary>
    /// Whether the binder can read <paramref name="text"/> as <paramref name="type"/>. A list given one
    /// value is refused: the binder would ignore it (a list is <c>Key:0</c>, <c>Key:1</c>, …).
    /// </summary>
    private static bool Converts(Type type, string text) =>
        type == typeof(string) || (text.Length > 0 && Read(type, text) is not null);

    /// <summary>Text read as the binder reads it, or null when it cannot be.</summary>
    internal static object? Read(Type type, string text)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string))
        {
            return text;
        }

        try
        {
            return target.IsArray ? null : TypeDescriptor.GetConverter(target).ConvertFromInvariantString(text);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>A value as one line can show it: control characters as <c>?</c>, cut after 200 characters.</summary>
    private static string Shown(string? value)
    {
        if (value is null)
        {
            return string.Empty;
        }

        var shown = string.Concat(value.Take(ShownLength).Select(c => char.IsControl(c) ? '?' : c));
        return value.Length <= ShownLength ? shown : shown + "…";
    }
}
