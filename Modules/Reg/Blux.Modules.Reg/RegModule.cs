using Blux.Modules.Reg.Audit;
using Blux.Modules.Reg.Data;
using Blux.Modules.Reg.Features.CreateIdentity;
using Blux.Modules.Reg.Features.DisableIdentity;
using Blux.Modules.Reg.Features.GetIdentity;
using Blux.Modules.Reg.Features.IssueToken;
using Blux.Modules.Reg.Features.Jwks;
using Blux.Modules.Reg.Features.ListIdentities;
using Blux.Modules.Reg.Features.ListKeys;
using Blux.Modules.Reg.Features.RegisterRequestKey;
using Blux.Modules.Reg.Features.ResetIdentitySecret;
using Blux.Modules.Reg.Features.RevokeKey;
using Blux.Modules.Reg.Features.RotateKey;
using Blux.Modules.Reg.Features.ValidateIdentityToken;
using Blux.Modules.Reg.Keys;
using Blux.Modules.Reg.Security;
using Blux.Modules.Reg.Startup;
using Blux.SharedKernel.Modules;
using Blux.SharedKernel.Settings;
using Blux.SharedKernel.Stores;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Reg;

/// <summary>Reg: identities, tokens and keys (docs/contract.md#identities-tokens-and-keys).</summary>
public static class RegModule
{
    public static IServiceCollection AddRegModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBluxSettings<RegOptions>(RegOptions.Section, "SecretLockout")
            .PostConfigure<IConfiguration>((options, config) =>
            {
                options.DataPath = BluxPaths.DataPath(config);
                options.MasterKeyPath = Path.GetFullPath(options.MasterKeyPath is { Length: > 0 } path ? path : Path.Combine(options.DataPath, "master.key"));
            });
        services.AddSingleton(sp => MasterKey.LoadOrCreate(sp.GetRequiredService<IOptions<RegOptions>>().Value.MasterKeyPath));
        services.AddSingleton<KeyRing>();
        services.AddSingleton<IdentityDirectory>();
        services.AddSingleton<TokenService>();
        services.AddBluxSettings<SecretLockoutOptions>(SecretLockoutOptions.Section, []);
        services.AddSingleton<SecretLockout>();
        services.AddSingleton<RegMetrics>();
        services.AddScoped<RegAuditTrail>();
        services.AddSingleton<KeyMutationGate>();
        services.AddScoped<KeyLifecycle>();
        services.AddModuleStore<RegDbContext, RegInitializer>(new RegModuleStore(configuration));
        services.AddHostedService<KeyRotationScheduler>();
        return services.AddModuleStatusAndValidators<RegStatusProvider>();
    }

    public static IEndpointRouteBuilder MapRegEndpoints(this IEndpointRouteBuilder app) =>
        app.MapModuleEndpoints(
            IssueTokenEndpoint.Map,
            JwksEndpoint.Map,
            Features.Discovery.OpenIdConfigurationEndpoint.Map,
            ValidateIdentityTokenEndpoint.Map,
            CreateIdentityEndpoint.Map,
            ListIdentitiesEndpoint.Map,
            GetIdentityEndpoint.Map,
            DisableIdentityEndpoint.Map,
            ResetIdentitySecretEndpoint.Map,
            RegisterRequestKeyEndpoint.Map,
            ListKeysEndpoint.Map,
            RotateKeyEndpoint.Map,
            RevokeKeyEndpoint.Map);
}
