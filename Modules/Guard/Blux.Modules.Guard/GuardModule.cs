using Blux.Modules.Guard.Audit;
using Blux.Modules.Guard.Data;
using Blux.Modules.Guard.Doctrine;
using Blux.Modules.Guard.Features.GetAuditRecord;
using Blux.Modules.Guard.Features.Checkpoints;
using Blux.Modules.Guard.Features.DryRunValidate;
using Blux.Modules.Guard.Features.ExportAudit;
using Blux.Modules.Guard.Features.QueryAudit;
using Blux.Modules.Guard.Features.RecordAudit;
using Blux.Modules.Guard.Features.StreamAudit;
using Blux.Modules.Guard.Features.Policies;
using Blux.Modules.Guard.Features.PolicyHistory;
using Blux.Modules.Guard.Features.UpdatePolicies;
using Blux.Modules.Guard.Features.VerifyAudit;
using Blux.Modules.Guard.Requests;
using Blux.Modules.Guard.Startup;
using Blux.SharedKernel.Modules;
using Blux.SharedKernel.Settings;
using Blux.SharedKernel.Stores;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Guard;

/// <summary>Guard: request validation, doctrine and the signed audit trail (docs/contract.md#request-validation).</summary>
public static class GuardModule
{
    public static IServiceCollection AddGuardModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBluxSettings<GuardOptions>(GuardOptions.Section, [])
            // The host refuses an environment it does not know before Blux starts; were one to get
            // here, Guard would hold it to production's rules rather than development's.
            .PostConfigure<IConfiguration>((options, config) => options.Environment = BluxEnvironments.Normalize(config["Blux:Environment"]) ?? BluxEnvironments.Production);
        services.AddSingleton<Redactor>();
        services.AddSingleton<AuditKeyCache>();
        services.AddSingleton<GuardMetrics>();
        services.AddSingleton<AuditWriter>();
        services.AddSingleton<AuditBroadcaster>();
        services.AddSingleton(_ => new RecentAuditRecords());
        services.AddSingleton<EventLogWriter>();
        services.AddSingleton<ActiveDoctrine>();
        services.AddSingleton<ReplayGuard>();
        services.AddScoped<AuditChainVerifier>();
        services.AddModuleStore<GuardDbContext, GuardInitializer>(
            new GuardModuleStore(configuration),
            commandTimeoutSeconds: sp => sp.GetRequiredService<IOptions<GuardOptions>>().Value.StoreTimeoutSeconds);
        return services.AddModuleStatusAndValidators<GuardStatusProvider>();
    }

    public static IEndpointRouteBuilder MapGuardEndpoints(this IEndpointRouteBuilder app) =>
        app.MapModuleEndpoints(
            VerifyAuditEndpoint.Map,
            QueryAuditEndpoint.Map,
            RecordAuditEndpoint.Map,
            LatestCheckpointEndpoint.Map,
            ExportAuditEndpoint.Map,
            StreamAuditEndpoint.Map,
            GetAuditRecordEndpoint.Map,
            GetPoliciesEndpoint.Map,
            UpdatePoliciesEndpoint.Map,
            PolicyHistoryEndpoint.Map,
            DryRunValidateEndpoint.Map);
}
