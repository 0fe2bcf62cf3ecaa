using Microsoft.AspNetCore.OpenApi;

namespace Blux.Host.OpenApi;

internal static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddBluxOpenApi(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddOpenApi("v1", options =>
        {
            options.CreateSchemaReferenceId = type =>
                ContractSchemaTransformer.WireNames(Nullable.GetUnderlyingType(type.Type) ?? type.Type) is null ? OpenApiOptions.CreateDefaultSchemaReferenceId(type) : null;
            options.AddSchemaTransformer<ContractSchemaTransformer>();
            options.AddOperationTransformer<ContractOperationTransformer>();
            options.AddDocumentTransformer<ContractDocumentTransformer>();
        });
        return services;
    }

    /// <summary>The document at <c>/openapi/v1.json</c> and Swagger UI at <c>/swagger</c>.</summary>
    public static WebApplication MapBluxOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous().ExcludeFromDescription();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint(DocumentPath, "Blux v1");
            options.RoutePrefix = "swagger";
            options.DocumentTitle = "Blux API";
        });
        return app;
    }
}
