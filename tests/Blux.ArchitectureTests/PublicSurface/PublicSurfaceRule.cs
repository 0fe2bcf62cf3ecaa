using System.Reflection;
using System.Runtime.CompilerServices;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Blux.ArchitectureTests.PublicSurface;

/// <summary>
/// Rule 5: the only public type of a module implementation is its XModule, a public static class;
/// handlers, validators, DbContexts and endpoints are internal sealed. A static class counts as sealed
/// (it is abstract sealed in IL). Compiler-generated types (closures, state machines) are never public
/// and play none of these roles, so they are left out of the role check; EF migrations are ordinary
/// internal classes and play none of these roles either.
/// </summary>
public static class PublicSurfaceRule
{
    private static readonly Type[] HandlerInterfaces =
    [
        typeof(IRequestHandler<,>), typeof(IRequestHandler<>),
        typeof(ICommandHandler<,>), typeof(ICommandHandler<>),
        typeof(IQueryHandler<,>),
        typeof(INotificationHandler<>),
        typeof(IStreamRequestHandler<,>), typeof(IStreamCommandHandler<,>), typeof(IStreamQueryHandler<,>),
    ];

    public static IEnumerable<string> Violations(IEnumerable<Type> types, string moduleClass)
    {
        var all = types.ToList();
        var module = all.SingleOrDefault(t => t.FullName == moduleClass);
        if (module is null)
        {
            yield return $"{moduleClass} is missing";
        }
        else if (!module.IsPublic || !module.IsAbstract || !module.IsSealed)
        {
            yield return $"{moduleClass} must be a public static class";
        }

        foreach (var type in all.Where(t => t.IsVisible && t != module).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            yield return $"{type.FullName} is public; the module's only public type is {moduleClass}";
        }

        foreach (var type in all.Where(t => t != module && !t.IsInterface && !t.IsDefined(typeof(CompilerGeneratedAttribute), false)))
        {
            var role = RoleOf(type);
            if (role is not null && (type.IsVisible || !type.IsSealed))
            {
                yield return $"{role} {type.FullName} must be internal sealed";
            }
        }
    }

    public static string? RoleOf(Type type)
    {
        if (type.GetInterfaces().Any(i => i.IsGenericType && HandlerInterfaces.Contains(i.GetGenericTypeDefinition())))
        {
            return "handler";
        }

        if (typeof(IValidator).IsAssignableFrom(type))
        {
            return "validator";
        }

        if (typeof(DbContext).IsAssignableFrom(type))
        {
            return "DbContext";
        }

        return IsEndpoint(type) ? "endpoint" : null;
    }

    /// <summary>A feature's endpoint class is named *Endpoint(s) and maps routes on an IEndpointRouteBuilder.</summary>
    private static bool IsEndpoint(Type type) =>
        type.Name.EndsWith("Endpoint", StringComparison.Ordinal)
        || type.Name.EndsWith("Endpoints", StringComparison.Ordinal)
        || type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Any(m => m.GetParameters().Any(p => p.ParameterType == typeof(IEndpointRouteBuilder)));
}
