using Blux.SharedKernel.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Blux.Host.Auth;

internal static class AuthenticationSetup
{
    /// <summary>Bearer tokens from Reg, and one policy per scope (<c>scope:tasks:write</c>, …).</summary>
    public static IServiceCollection AddBluxAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(BluxBearerHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BluxBearerHandler>(BluxBearerHandler.SchemeName, _ => { });
        services.AddAuthorization(options =>
        {
            foreach (var scope in Scopes.All)
            {
                options.AddPolicy(Scopes.Policy(scope), policy => policy.RequireAuthenticatedUser().RequireClaim(Caller.ScopeClaim, scope));
            }
        });
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, EnvelopeAuthorizationResultHandler>();
        return services;
    }
}
