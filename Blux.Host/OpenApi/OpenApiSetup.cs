namespace Blux.Host.OpenApi;

internal static class OpenApiSetup
{
    public static IServiceCollection AddBluxOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi("v1", options => options.AddDocumentTransformer<BearerSecurityTransformer>());
        return services;
    }

    /// <summary>The document at <c>/openapi/v1.json</c> and Swagger UI at <c>/swagger</c>.</summary>
    public static WebApplication MapBluxOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/openapi/v1.json", "Blux v1");
            options.RoutePrefix = "swagger";
            options.DocumentTitle = "Blux API";
        });
        return app;
    }
}
