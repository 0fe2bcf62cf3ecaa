using Blux.Modules.Guard.Audit;
using Blux.Modules.Guard.Data;
using Blux.Modules.Guard.Doctrine;
using Blux.Modules.Guard.Features.GetAuditRecord;
using Blux.Modules.Guard.Features.Policies;
using Blux.Modules.Guard.Features.VerifyAudit;
using Blux.Modules.Guard.Startup;
using Blux.SharedKernel.Modules;
using FluentValidation;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Blux.Modules.Guard;

/// <summary>Guard: request validation, doctrine and the signed audit trail (SPEC §5).</summary>
public static class GuardModule
{
    public static IServiceCollection AddGuardModule(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Blux:Guard");
        var defaults = new GuardOptions();
        services.AddSingleton(Options.Create(new GuardOptions
        {
            CheckpointEveryRecords = section.GetValue("CheckpointEveryRecords", defaults.CheckpointEveryRecords),
            CheckpointEvery = TimeSpan.FromSeconds(section.GetValue("CheckpointEverySeconds", defaults.CheckpointEvery.TotalSeconds)),
            MaxBatch = section.GetValue("MaxAuditBatch", defaults.MaxBatch),
            RedactKeys = section.GetSection("RedactKeys").Get<string[]>() is { Length: > 0 } keys ? keys : defaults.RedactKeys,
        }));
        services.AddDbContext<GuardDbContext>(o => o.UseSqlite(BluxPaths.SqliteConnectionString(configuration, "guard")));
        services.AddSingleton<Redactor>();
        services.AddSingleton<AuditKeyCache>();
        services.AddSingleton<AuditWriter>();
        services.AddSingleton<ActiveDoctrine>();
        services.AddScoped<AuditChainVerifier>();
        services.AddHostedService<GuardInitializer>();
        services.AddSingleton<IModuleStatusProvider, GuardStatusProvider>();
        services.AddValidatorsFromAssembly(typeof(GuardModule).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        return services;
    }

    public static IEndpointRouteBuilder MapGuardEndpoints(this IEndpointRouteBuilder app)
    {
        VerifyAuditEndpoint.Map(app);
        GetAuditRecordEndpoint.Map(app);
        GetPoliciesEndpoint.Map(app);
        return app;
    }
}
